import {
  CandidateErasedV1,
  CandidateProfileV1Payload,
  CandidateRegisteredV1,
  ConsentChangedV1,
  Contract,
  NeedClosedV1,
  NeedPostedV1,
  NeedSnapshotV1Payload,
  NeedUpdatedV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
} from '@jobbspar/contracts';
import { erasureTag } from '@jobbspar/messaging';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { ReadModelProjector } from './read-model.projector';
import { PostgresReadModelRepository } from './postgres-read-model.repository';

const repository = new PostgresReadModelRepository('matching');
const projector = new ReadModelProjector(repository);

const need = (over: Partial<NeedSnapshotV1Payload> = {}): NeedSnapshotV1Payload => ({
  needId: randomUUID(),
  revision: 1,
  employerId: randomUUID(),
  roleId: randomUUID(),
  roleVersion: 1,
  roleName: 'Kockbiträde',
  occupations: ['5120'],
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'kitchen.dishwashing', requiredLevel: 1, weight: 'nice-to-have' },
  ],
  positions: 2,
  positionsFilled: 0,
  workplaceMunicipality: '1496',
  countyCode: '14',
  startDate: '2026-12-01',
  placementType: 'internship',
  support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
  status: 'open',
  shortage: true,
  ...over,
});

const profile = (over: Partial<CandidateProfileV1Payload> = {}): CandidateProfileV1Payload => ({
  candidateId: randomUUID(),
  revision: 1,
  homeMunicipality: '1496',
  availableFrom: '2026-06-01',
  maxCommuteMinutes: 60,
  interests: ['5120'],
  supportNeeds: { closeSupervision: true, languageSupport: true },
  waitingSince: '2025-01-01',
  matchingConsent: true,
  ...over,
});

const validation = (candidateId: string, taskId: string, level: 1 | 2 | 3, over: object = {}) => ({
  validationId: randomUUID(),
  candidateId,
  taskId,
  level,
  effectiveLevel: level,
  assessedOn: '2025-10-01',
  workplaceId: randomUUID(),
  ...over,
});

describe(ReadModelProjector.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  const apply = <P extends object>(contract: Contract<P>, payload: P) =>
    db.transaction((em) => projector.apply(em, contract as unknown as Contract, payload));

  it("stores a need in matching's own shape, with its task index, and nothing of the contract it does not use", async () => {
    const n = need({ positions: 3, positionsFilled: 1 });

    expect(await apply(NeedPostedV1, n)).toEqual({ kind: 'need', needId: n.needId });

    const [row] = await db.query(
      `SELECT revision, status, tenant, positions_left, workplace_municipality, occupations, snapshot FROM matching.needs WHERE need_id = $1`,
      [n.needId],
    );
    expect(row).toEqual({
      revision: 1,
      status: 'open',
      tenant: 'se-14',
      positions_left: 2,
      workplace_municipality: '1496',
      occupations: ['5120'],
      snapshot: {
        employerId: n.employerId,
        roleName: 'Kockbiträde',
        roleVersion: n.roleVersion,
        placementType: 'internship',
        startDate: '2026-12-01',
        tasks: n.tasks,
        shortage: true,
        support: n.support,
      },
    });
    const tasks = await db.query(`SELECT task_id, required_level, weight FROM matching.need_tasks WHERE need_id = $1 ORDER BY task_id`, [
      n.needId,
    ]);
    expect(tasks).toEqual([
      { task_id: 'kitchen.dishwashing', required_level: 1, weight: 'nice-to-have' },
      { task_id: 'kitchen.serve-school-lunch', required_level: 2, weight: 'must-have' },
    ]);
  });

  it('applies only newer revisions, rebuilds the task index on an update, and keeps a close that overtook the posting closed', async () => {
    const n = need();
    await apply(NeedPostedV1, n);
    await apply(NeedUpdatedV1, { ...n, revision: 3, tasks: [{ taskId: 'cleaning.classroom', requiredLevel: 1, weight: 'must-have' }] });

    expect(await apply(NeedUpdatedV1, { ...n, revision: 2 })).toEqual({ kind: 'none' });
    expect(await db.query(`SELECT task_id FROM matching.need_tasks WHERE need_id = $1`, [n.needId])).toEqual([
      { task_id: 'cleaning.classroom' },
    ]);

    const early = need();
    await apply(NeedClosedV1, { needId: early.needId, revision: 2, status: 'closed', reason: 'withdrawn' });
    expect(await db.query(`SELECT status, snapshot FROM matching.needs WHERE need_id = $1`, [early.needId])).toEqual([
      { status: 'closed', snapshot: null },
    ]);
    // The late posting brings its terms, not its status: the need stays closed, as in revision order.
    expect(await apply(NeedPostedV1, early)).toEqual({ kind: 'need', needId: early.needId });
    const [late] = await db.query(`SELECT status, snapshot->>'roleName' AS role FROM matching.needs WHERE need_id = $1`, [early.needId]);
    expect(late).toEqual({ status: 'closed', role: 'Kockbiträde' });
    expect(await apply(NeedPostedV1, early)).toEqual({ kind: 'none' });
    expect(await db.transaction((em) => repository.openNeedsAskingAny(em, ['kitchen.dishwashing']))).not.toContain(early.needId);
  });

  it('derives her effective level from the validations held, whatever order they came in, and indexes it', async () => {
    const p = profile();
    await apply(CandidateRegisteredV1, p);
    const first = validation(p.candidateId, 'kitchen.dishwashing', 3);
    const superseding = validation(p.candidateId, 'kitchen.dishwashing', 2, { supersedes: first.validationId });

    // The superseding one arrives first.
    await apply(TaskValidatedV1, superseding);
    expect(await apply(TaskValidatedV1, first)).toEqual({ kind: 'none' });
    const lunch = validation(p.candidateId, 'kitchen.serve-school-lunch', 2);
    expect(await apply(TaskValidatedV1, lunch)).toEqual({ kind: 'candidate', candidateId: p.candidateId, consentWithdrawn: false });

    const [known] = await db.transaction((em) => repository.knownCandidates(em, [p.candidateId]));
    expect(known.levels).toEqual({ 'kitchen.dishwashing': 2, 'kitchen.serve-school-lunch': 2 });
    expect(known.profile).toEqual({
      homeMunicipality: '1496',
      availableFrom: '2026-06-01',
      maxCommuteMinutes: 60,
      interests: ['5120'],
      supportNeeds: { closeSupervision: true, languageSupport: true },
      waitingSince: '2025-01-01',
    });

    // A revocation that overtakes its validation leaves a revoked stub, and the validation stays revoked.
    const late = validation(p.candidateId, 'cleaning.classroom', 3);
    await apply(TaskValidationRevokedV1, { ...late, reason: 'assessment-error', effectiveLevel: null });
    await apply(TaskValidatedV1, late);
    await apply(TaskValidationRevokedV1, { ...lunch, reason: 'other', effectiveLevel: null });
    const [after] = await db.transaction((em) => repository.knownCandidates(em, [p.candidateId]));
    expect(after.levels).toEqual({ 'kitchen.dishwashing': 2 });
  });

  it('orders consent and profiles on one revision, and leaves a tombstone (her tag, not her id) on erasure that no late profile undoes', async () => {
    const p = profile();
    await apply(CandidateRegisteredV1, p);
    await apply(TaskValidatedV1, validation(p.candidateId, 'kitchen.dishwashing', 1));

    expect(
      await apply(ConsentChangedV1, {
        candidateId: p.candidateId,
        revision: 2,
        purpose: 'matching',
        given: false,
        changedAt: '2026-01-01T10:00:00Z',
      }),
    ).toEqual({ kind: 'candidate', candidateId: p.candidateId, consentWithdrawn: true });
    expect(await apply(CandidateRegisteredV1, p)).toEqual({ kind: 'none' });
    expect((await db.transaction((em) => repository.candidate(em, p.candidateId)))!.matchingConsent).toBe(false);

    expect(await apply(CandidateErasedV1, { candidateId: p.candidateId, erasedAt: '2026-01-02T10:00:00Z' })).toEqual({
      kind: 'erased',
      candidateId: p.candidateId,
    });
    expect(await apply(CandidateRegisteredV1, { ...p, revision: 99 })).toEqual({ kind: 'none' });
    expect((await db.transaction((em) => repository.candidate(em, p.candidateId)))!.profile).toBeNull();
    // The tombstone is her tag under the schema's key, not a row keyed by her id.
    expect(await db.query(`SELECT 1 FROM matching.candidates WHERE candidate_id = $1`, [p.candidateId])).toEqual([]);
    const [{ key }] = await db.query<{ key: Buffer }>(`SELECT key FROM matching.erasure_key`);
    expect(await db.query(`SELECT tag FROM matching.erasures WHERE tag = $1`, [erasureTag(key, p.candidateId)])).toHaveLength(1);
    for (const table of ['validations', 'candidate_task_levels']) {
      expect(await db.query(`SELECT 1 FROM matching.${table} WHERE candidate_id = $1`, [p.candidateId])).toEqual([]);
    }
  });
});

describe(`${PostgresReadModelRepository.name} task indexes`, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  const apply = <P extends object>(contract: Contract<P>, payload: P) =>
    db.transaction((em) => projector.apply(em, contract as unknown as Contract, payload));
  const task = `task.t${Date.now().toString(36)}`;

  it('finds the candidates holding a task within their own commute of the workplace, filtering in SQL', async () => {
    // From Lidköping (1494) to Skövde (1496) is 57 minutes in the taxonomy's model.
    const near = profile({ homeMunicipality: '1496', maxCommuteMinutes: 10 });
    const willing = profile({ homeMunicipality: '1494', maxCommuteMinutes: 60 });
    const unwilling = profile({ homeMunicipality: '1494', maxCommuteMinutes: 30 });
    const other = profile({ homeMunicipality: '1496' });
    for (const p of [near, willing, unwilling, other]) await apply(CandidateRegisteredV1, p);
    for (const p of [near, willing, unwilling]) await apply(TaskValidatedV1, validation(p.candidateId, task, 2));
    await apply(TaskValidatedV1, validation(other.candidateId, 'another.task', 2));
    const reach = { codes: ['1496', '1494'], minutes: [0, 57] };

    const within = await db.transaction((em) => repository.candidatesHoldingAny(em, [task], reach));
    const anywhere = await db.transaction((em) => repository.candidatesHoldingAny(em, [task]));

    expect(within.sort()).toEqual([near.candidateId, willing.candidateId].sort());
    expect(anywhere.sort()).toEqual([near.candidateId, willing.candidateId, unwilling.candidateId].sort());
  });

  it('finds the open needs with positions left asking for a task, within her workplaces', async () => {
    const t = `${task}.needs`;
    const tasks = [{ taskId: t, requiredLevel: 1 as const, weight: 'must-have' as const }];
    const skovde = need({ tasks, workplaceMunicipality: '1496' });
    const lidkoping = need({ tasks, workplaceMunicipality: '1494' });
    const full = need({ tasks, positions: 1, positionsFilled: 1 });
    const closed = need({ tasks });
    for (const n of [skovde, lidkoping, full, closed]) await apply(NeedPostedV1, n);
    await apply(NeedClosedV1, { needId: closed.needId, revision: 2, status: 'closed', reason: 'withdrawn' });

    const all = await db.transaction((em) => repository.openNeedsAskingAny(em, [t, 'unknown.task']));
    const near = await db.transaction((em) => repository.openNeedsAskingAny(em, [t], ['1496', '1497']));

    expect(all.sort()).toEqual([skovde.needId, lidkoping.needId].sort());
    expect(near).toEqual([skovde.needId]);

    // A region's open needs with positions left, whatever they ask: what its scoring weights re-score.
    const region = await db.transaction((em) => repository.openNeedIdsOfRegion(em, 'se-14'));
    expect(region).toEqual(expect.arrayContaining([skovde.needId, lidkoping.needId]));
    expect(region).not.toContain(full.needId);
    expect(region).not.toContain(closed.needId);
    expect(region).toEqual([...region].sort());
    expect(await db.transaction((em) => repository.openNeedIdsOfRegion(em, 'se-12'))).not.toContain(skovde.needId);
    // Several questions in one query: each key gets what it would get alone.
    const each = await db.transaction((em) =>
      repository.openNeedsAskingAnyEach(em, [
        { key: 'anywhere', taskIds: [t, 'unknown.task'] },
        { key: 'near', taskIds: [t], workplaces: ['1496', '1497'] },
        { key: 'nothing', taskIds: ['unknown.task'] },
        { key: 'no tasks', taskIds: [] },
      ]),
    );
    expect([...each.keys()].sort()).toEqual(['anywhere', 'near']);
    expect(each.get('anywhere')!.sort()).toEqual(all.sort());
    expect(each.get('near')).toEqual(near);
  });
});
