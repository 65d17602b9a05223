import {
  CandidateErasedV1,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  Contract,
  NeedClosedV1,
  NeedPostedV1,
  NeedUpdatedV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
} from '@jobbspar/contracts';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { ReadModelProjector } from './read-model.projector';
import { PostgresReadModelRepository } from './postgres-read-model.repository';

/**
 * Out-of-order delivery, every pair (issue 13, defect 3): for each two events of one aggregate's history, applying
 * them in the other order must leave the read models exactly as their revision order does. Each event kind is
 * paired with every other one, in both orders, on an aggregate of its own.
 */
const projector = new ReadModelProjector(new PostgresReadModelRepository('matching'));

interface Step {
  name: string;
  contract: Contract;
  payload: (ids: Ids) => object;
}
interface Ids {
  aggregate: string;
  validation: string;
}

const TASK = 'kitchen.serve-school-lunch';
const profile = (ids: Ids, revision: number, over: object = {}) => ({
  candidateId: ids.aggregate,
  revision,
  homeMunicipality: '1496',
  availableFrom: '2026-06-01',
  maxCommuteMinutes: 60,
  interests: ['5120'],
  supportNeeds: { closeSupervision: true, languageSupport: true },
  waitingSince: '2025-01-01',
  matchingConsent: true,
  ...over,
});
const validation = (ids: Ids) => ({
  validationId: ids.validation,
  candidateId: ids.aggregate,
  taskId: TASK,
  level: 2,
  effectiveLevel: 2,
  assessedOn: '2025-10-01',
  workplaceId: '00000000-0000-4000-8000-00000000000a',
});

/** A candidate's history in revision order: every kind of event on her stream. */
const CANDIDATE_HISTORY: Step[] = [
  { name: 'CandidateRegistered r1', contract: CandidateRegisteredV1, payload: (ids) => profile(ids, 1) },
  {
    name: 'CandidateProfileUpdated r2',
    contract: CandidateProfileUpdatedV1,
    payload: (ids) => profile(ids, 2, { homeMunicipality: '1494', maxCommuteMinutes: 90 }),
  },
  {
    name: 'ConsentChanged r3 (withdrawn)',
    contract: ConsentChangedV1,
    payload: (ids) => ({ candidateId: ids.aggregate, revision: 3, purpose: 'matching', given: false, changedAt: '2026-01-01T10:00:00Z' }),
  },
  { name: 'TaskValidated', contract: TaskValidatedV1, payload: validation },
  {
    name: 'TaskValidationRevoked',
    contract: TaskValidationRevokedV1,
    payload: (ids) => ({ ...validation(ids), reason: 'assessment-error', effectiveLevel: null }),
  },
  {
    name: 'CandidateErased',
    contract: CandidateErasedV1,
    payload: (ids) => ({ candidateId: ids.aggregate, erasedAt: '2026-01-02T10:00:00Z' }),
  },
];

const need = (ids: Ids, revision: number, over: object = {}) => ({
  needId: ids.aggregate,
  revision,
  employerId: '00000000-0000-4000-8000-00000000000e',
  roleId: '00000000-0000-4000-8000-00000000000f',
  roleVersion: 1,
  roleName: 'Kockbiträde',
  occupations: ['5120'],
  tasks: [{ taskId: TASK, requiredLevel: 2, weight: 'must-have' }],
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

/** A need's history in revision order. */
const NEED_HISTORY: Step[] = [
  { name: 'NeedPosted r1', contract: NeedPostedV1, payload: (ids) => need(ids, 1) },
  {
    name: 'NeedUpdated r2',
    contract: NeedUpdatedV1,
    payload: (ids) =>
      need(ids, 2, { positions: 3, positionsFilled: 1, tasks: [{ taskId: 'kitchen.dishwashing', requiredLevel: 1, weight: 'must-have' }] }),
  },
  {
    name: 'NeedClosed r3',
    contract: NeedClosedV1,
    payload: (ids) => ({ needId: ids.aggregate, revision: 3, status: 'filled', reason: 'filled' }),
  },
];

const pairs = (history: Step[]): [Step, Step][] => history.flatMap((a, i) => history.slice(i + 1).map((b): [Step, Step] => [a, b]));

describe('read models under out-of-order delivery: every pair of event kinds, both orders', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  async function applyAll(steps: Step[]): Promise<Ids> {
    const ids = { aggregate: randomUUID(), validation: randomUUID() };
    for (const step of steps) await db.transaction((em) => projector.apply(em, step.contract, step.payload(ids)));
    return ids;
  }

  /** Everything the read models hold of one aggregate, its own ids left out. */
  async function candidateState({ aggregate }: Ids): Promise<unknown> {
    const q = (sql: string) => db.query(sql, [aggregate]);
    return {
      candidate: await q(
        `SELECT revision, profile, matching_consent, profile_revision, consent_revision FROM matching.candidates WHERE candidate_id = $1`,
      ),
      validations: await q(`SELECT task_id, level, supersedes, revoked FROM matching.validations WHERE candidate_id = $1`),
      levels: await q(`SELECT task_id, level FROM matching.candidate_task_levels WHERE candidate_id = $1`),
    };
  }
  async function needState({ aggregate }: Ids): Promise<unknown> {
    const q = (sql: string) => db.query(sql, [aggregate]);
    return {
      need: await q(
        `SELECT revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations, terms_revision, status_revision
         FROM matching.needs WHERE need_id = $1`,
      ),
      tasks: await q(`SELECT task_id, required_level, weight FROM matching.need_tasks WHERE need_id = $1 ORDER BY task_id`),
    };
  }

  it.each(pairs(CANDIDATE_HISTORY).map(([a, b]) => [a.name, b.name, a, b] as const))('candidate: %s and %s', async (_a, _b, a, b) => {
    const inOrder = await candidateState(await applyAll([a, b]));
    const reversed = await candidateState(await applyAll([b, a]));
    expect(reversed).toEqual(inOrder);
  });

  it.each(pairs(NEED_HISTORY).map(([a, b]) => [a.name, b.name, a, b] as const))('need: %s and %s', async (_a, _b, a, b) => {
    const inOrder = await needState(await applyAll([a, b]));
    const reversed = await needState(await applyAll([b, a]));
    expect(reversed).toEqual(inOrder);
  });

  it('keeps the profile of a registration overtaken by a consent change (the defect as found)', async () => {
    const ids = await applyAll([CANDIDATE_HISTORY[2], CANDIDATE_HISTORY[0]]);
    const [row] = await db.query(`SELECT profile, matching_consent FROM matching.candidates WHERE candidate_id = $1`, [ids.aggregate]);
    expect(row.profile).toMatchObject({ homeMunicipality: '1496', maxCommuteMinutes: 60 });
    expect(row.matching_consent).toBe(false);
  });

  it('ends in the state of revision order whatever order the whole history arrives in', async () => {
    const expected = await candidateState(await applyAll(CANDIDATE_HISTORY.slice(0, 5)));
    const shuffled = await candidateState(await applyAll([4, 2, 0, 3, 1].map((i) => CANDIDATE_HISTORY[i])));
    expect(shuffled).toEqual(expected);
    const expectedNeed = await needState(await applyAll(NEED_HISTORY));
    expect(await needState(await applyAll([2, 0, 1].map((i) => NEED_HISTORY[i])))).toEqual(expectedNeed);
  });
});
