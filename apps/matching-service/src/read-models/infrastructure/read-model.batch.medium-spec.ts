import {
  Topics,
  CandidateErasedV1,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  Contract,
  EmployerRegisteredV1,
  EventEnvelope,
  NeedClosedV1,
  NeedPostedV1,
  NeedUpdatedV1,
  TaskValidatedV1,
  TaskValidationRevokedV1,
} from '@jobbspar/contracts';
import { EndOfBatch } from '@jobbspar/messaging';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { matchingDatabase } from '../../../test/matching-database';
import { ReadModelReader } from '../application/read-model.reader';
import type { KnownCandidate, ReadModelChange } from '../domain/read-models';
import { PostgresReadModelRepository } from './postgres-read-model.repository';
import { ReadModelProjector } from './read-model.projector';

/**
 * A batch of events is projected in memory and written once at its end (issue 14: projections coalesced per
 * aggregate). It must leave exactly what applying the same events one by one leaves, and report the same changes,
 * whatever the events and their order, with or without rows from before the batch.
 */
const repository = new PostgresReadModelRepository('matching');
const projector = new ReadModelProjector(repository);
/** What matching reads of the candidates after a batch: answered from the batch where it holds them. */
const reader = new ReadModelReader(repository, projector);

interface Ids {
  aggregate: string;
  /** Validation ids, by name. */
  v: Record<'a' | 'b' | 'c', string>;
}
interface Step {
  name: string;
  contract: Contract;
  payload: (ids: Ids) => object;
}

const newIds = (): Ids => ({ aggregate: randomUUID(), v: { a: randomUUID(), b: randomUUID(), c: randomUUID() } });
const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';

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
const validation = (ids: Ids, name: 'a' | 'b' | 'c', taskId: string, level: 1 | 2 | 3, supersedes: 'a' | 'b' | null = null) => ({
  validationId: ids.v[name],
  candidateId: ids.aggregate,
  taskId,
  level,
  effectiveLevel: level,
  assessedOn: '2025-10-01',
  workplaceId: '00000000-0000-4000-8000-00000000000a',
  ...(supersedes ? { supersedes: ids.v[supersedes] } : {}),
});
const revoke = (ids: Ids, name: 'a' | 'b' | 'c', taskId: string) => ({
  ...validation(ids, name, taskId, 1),
  reason: 'assessment-error',
  effectiveLevel: null,
});

const registered: Step = { name: 'registered r1', contract: CandidateRegisteredV1, payload: (ids) => profile(ids, 1) };
const updated: Step = {
  name: 'profile r2',
  contract: CandidateProfileUpdatedV1,
  payload: (ids) => profile(ids, 2, { homeMunicipality: '1494', maxCommuteMinutes: 90 }),
};
const withdrawn: Step = {
  name: 'consent withdrawn r3',
  contract: ConsentChangedV1,
  payload: (ids) => ({ candidateId: ids.aggregate, revision: 3, purpose: 'matching', given: false, changedAt: '2026-01-01T10:00:00Z' }),
};
const given: Step = {
  name: 'consent given r4',
  contract: ConsentChangedV1,
  payload: (ids) => ({ candidateId: ids.aggregate, revision: 4, purpose: 'matching', given: true, changedAt: '2026-01-02T10:00:00Z' }),
};
const validatedA: Step = { name: 'a: lunch 1', contract: TaskValidatedV1, payload: (ids) => validation(ids, 'a', LUNCH, 1) };
const validatedB: Step = { name: 'b: lunch 3 over a', contract: TaskValidatedV1, payload: (ids) => validation(ids, 'b', LUNCH, 3, 'a') };
const validatedC: Step = { name: 'c: dishes 2', contract: TaskValidatedV1, payload: (ids) => validation(ids, 'c', DISHES, 2) };
const revokedB: Step = { name: 'b revoked', contract: TaskValidationRevokedV1, payload: (ids) => revoke(ids, 'b', LUNCH) };
const revokedC: Step = { name: 'c revoked', contract: TaskValidationRevokedV1, payload: (ids) => revoke(ids, 'c', DISHES) };
const erased: Step = {
  name: 'erased',
  contract: CandidateErasedV1,
  payload: (ids) => ({ candidateId: ids.aggregate, erasedAt: '2026-01-03T10:00:00Z' }),
};

const need = (ids: Ids, revision: number, over: object = {}) => ({
  needId: ids.aggregate,
  revision,
  employerId: '00000000-0000-4000-8000-00000000000e',
  roleId: '00000000-0000-4000-8000-00000000000f',
  roleVersion: 1,
  roleName: 'Kockbiträde',
  occupations: ['5120'],
  tasks: [{ taskId: LUNCH, requiredLevel: 2, weight: 'must-have' }],
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
const posted: Step = { name: 'need posted r1', contract: NeedPostedV1, payload: (ids) => need(ids, 1) };
const needUpdated: Step = {
  name: 'need updated r2',
  contract: NeedUpdatedV1,
  payload: (ids) =>
    need(ids, 2, {
      positions: 3,
      positionsFilled: 1,
      occupations: ['5120', '9412'],
      tasks: [
        { taskId: DISHES, requiredLevel: 1, weight: 'must-have' },
        { taskId: LUNCH, requiredLevel: 3, weight: 'nice-to-have' },
      ],
    }),
};
const needClosed: Step = {
  name: 'need closed r3',
  contract: NeedClosedV1,
  payload: (ids) => ({ needId: ids.aggregate, revision: 3, status: 'filled', reason: 'filled' }),
};
const employer: Step = {
  name: 'employer registered',
  contract: EmployerRegisteredV1,
  payload: (ids) => ({
    employerId: ids.aggregate,
    organisationNumber: '556036-0793',
    name: 'Skövde kommun',
    sector: 'municipality',
    municipalityCode: '1496',
    isMunicipality: true,
  }),
};

/** A batch scope as the pipeline makes it: the events it will hand over, and the work deferred to its end. */
function scopeOf(events: { contract: Contract; payload: object }[]): EndOfBatch {
  return new EndOfBatch(
    events.map((e) => ({ topic: e.contract.topic, contract: e.contract, payload: e.payload, envelope: {} as EventEnvelope })),
  );
}

/** Counts the statements a transaction runs. */
function counting(em: EntityManager): { em: EntityManager; statements: string[] } {
  const statements: string[] = [];
  const query = em.query.bind(em);
  const counted = Object.create(em) as EntityManager;
  counted.query = ((sql: string, params?: unknown[]) => {
    statements.push(sql);
    return query(sql, params);
  }) as EntityManager['query'];
  return { em: counted, statements };
}

describe('read models projected a batch at a time', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  async function oneByOne(ids: Ids, steps: Step[]): Promise<ReadModelChange[]> {
    const changes: ReadModelChange[] = [];
    for (const s of steps) changes.push(await db.transaction((em) => projector.apply(em, s.contract, s.payload(ids))));
    return changes;
  }

  /** The steps in one batch transaction; `flushAfter` flushes after that many events (as the handler does before matching at once). */
  async function asBatch(
    ids: Ids,
    steps: Step[],
    opts: { flushAfter?: number; readAhead?: boolean } = {},
  ): Promise<{
    changes: ReadModelChange[];
    statements: string[];
    held: KnownCandidate[];
    sql: KnownCandidate[];
    readBack: number;
    needsReadBack: number;
  }> {
    const { flushAfter, readAhead = true } = opts;
    const events = steps.map((s) => ({ contract: s.contract, payload: s.payload(ids) }));
    return db.transaction(async (tx) => {
      const { em, statements } = counting(tx);
      // Without read-ahead every row is read when first asked for.
      const scope = scopeOf(readAhead ? events : []);
      const changes: ReadModelChange[] = [];
      for (const [i, e] of events.entries()) {
        changes.push(await projector.apply(em, e.contract, e.payload, scope));
        if (i + 1 === flushAfter) await projector.flush(em);
      }
      await scope.run();
      // After the batch, in its transaction: the reader's answer (from the batch) against the one SQL gives.
      const before = statements.length;
      const held = await reader.candidates(em, [ids.aggregate]);
      const readBack = statements.length - before;
      const heldNeeds = await reader.needs(em, [ids.aggregate.toUpperCase()]);
      const needsReadBack = statements.length - before - readBack;
      const sql = await repository.knownCandidates(tx, [ids.aggregate]);
      expect(heldNeeds).toEqual(await repository.knownNeeds(tx, [ids.aggregate]));
      return { changes, statements, held, sql, readBack, needsReadBack };
    });
  }

  /** Equal, and the levels' keys in the same order (the order matching looks the needs up in). */
  function expectSameCandidates(held: KnownCandidate[], sql: KnownCandidate[]): void {
    expect(held).toEqual(sql);
    expect(held.map((c) => Object.keys(c.levels))).toEqual(sql.map((c) => Object.keys(c.levels)));
  }

  /** Everything the read models hold of one aggregate, ids replaced by the names the steps gave them. */
  async function state(ids: Ids): Promise<unknown> {
    const q = (sql: string) => db.query(sql, [ids.aggregate]);
    const name = (id: string | null): string | null => (id === null ? null : (Object.entries(ids.v).find(([, v]) => v === id)?.[0] ?? id));
    const validations = await db.query<{ validation_id: string; supersedes: string | null }>(
      `SELECT validation_id, task_id, level, supersedes, revoked FROM matching.validations WHERE candidate_id = $1`,
      [ids.aggregate],
    );
    return {
      candidate: await q(
        `SELECT revision, profile, matching_consent, profile_revision, consent_revision FROM matching.candidates WHERE candidate_id = $1`,
      ),
      validations: validations
        .map((v) => ({ ...v, validation_id: name(v.validation_id) ?? '', supersedes: name(v.supersedes) }))
        .sort((a, b) => a.validation_id.localeCompare(b.validation_id)),
      levels: await q(`SELECT task_id, level FROM matching.candidate_task_levels WHERE candidate_id = $1 ORDER BY task_id`),
      need: await q(
        `SELECT revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations, terms_revision, status_revision
         FROM matching.needs WHERE need_id = $1`,
      ),
      tasks: await q(`SELECT task_id, required_level, weight FROM matching.need_tasks WHERE need_id = $1 ORDER BY task_id`),
      employer: await q(
        `SELECT organisation_number, name, municipality_code, is_municipality FROM matching.employers WHERE employer_id = $1`,
      ),
    };
  }

  /** Applies `before` one by one, then `batch` both ways on two aggregates of their own; both must end alike. */
  async function expectSame(
    before: Step[],
    batch: Step[],
    opts: { flushAfter?: number; readAhead?: boolean } = {},
  ): Promise<{ statements: string[] }> {
    const single = newIds();
    const batched = newIds();
    await oneByOne(single, before);
    await oneByOne(batched, before);
    const expectedChanges = await oneByOne(single, batch);
    const { changes, statements, held, sql, readBack, needsReadBack } = await asBatch(batched, batch, opts);
    expectSameCandidates(held, sql);
    // A batch of her (or its) events holds her (or it) whole: nothing is read back.
    if (batch.some((s) => s.contract.topic === Topics.candidates)) expect(readBack).toBe(0);
    if (batch.some((s) => s.contract.topic === Topics.needs)) expect(needsReadBack).toBe(0);
    const named = (c: ReadModelChange, ids: Ids) => JSON.parse(JSON.stringify(c).replaceAll(ids.aggregate, 'self'));
    expect(changes.map((c) => named(c, batched))).toEqual(expectedChanges.map((c) => named(c, single)));
    expect(await state(batched)).toEqual(await state(single));
    return { statements };
  }

  const CANDIDATE = [registered, validatedA, validatedB, validatedC, updated, revokedB, withdrawn, given, revokedC];
  const orders: [string, Step[]][] = [
    ['her history in revision order', CANDIDATE],
    ['her history backwards', [...CANDIDATE].reverse()],
    ['validations before her registration', [validatedB, validatedA, revokedC, registered, validatedC, withdrawn]],
    ['revocations overtaking their validations', [registered, revokedB, validatedB, validatedA, revokedC, validatedC]],
    ['an older profile after a newer one', [updated, registered, given, withdrawn, validatedC]],
    ['erasure in the middle, then late events', [registered, validatedA, validatedC, erased, validatedB, updated, revokedC, given]],
    ['a need posted, updated and closed', [posted, needUpdated, needClosed]],
    ['a need closed before its posting, then updated', [needClosed, posted, needUpdated]],
    ['two revisions of a need, newest first', [needUpdated, posted]],
    ['an employer registered twice', [employer, employer]],
  ];

  it.each(orders)('leaves what one by one leaves: %s', async (_name, steps) => {
    await expectSame([], steps);
  });

  it.each(orders)('leaves what one by one leaves over rows from before the batch: %s', async (_name, steps) => {
    await expectSame(steps.slice(0, 2), steps.slice(2));
  });

  it.each(orders)('leaves what one by one leaves when flushed halfway: %s', async (_name, steps) => {
    await expectSame([], steps, { flushAfter: Math.ceil(steps.length / 2) });
  });

  it.each(orders)('leaves what one by one leaves reading rows only when asked, flushed halfway: %s', async (_name, steps) => {
    await expectSame(steps.slice(0, 1), steps.slice(1), { readAhead: false, flushAfter: Math.ceil(steps.length / 2) });
  });

  it('applies the newest of two revisions of a need in one batch, and writes the need once', async () => {
    const { statements } = await expectSame([], [posted, needUpdated]);
    const ids = newIds();
    await asBatch(ids, [needUpdated, posted]);
    const [row] = await db.query(`SELECT revision, positions_left, occupations FROM matching.needs WHERE need_id = $1`, [ids.aggregate]);
    expect(row).toEqual({ revision: 2, positions_left: 2, occupations: ['5120', '9412'] });
    const tasks = await db.query(`SELECT task_id, required_level FROM matching.need_tasks WHERE need_id = $1 ORDER BY task_id`, [
      ids.aggregate,
    ]);
    expect(tasks).toEqual([
      { task_id: DISHES, required_level: 1 },
      { task_id: LUNCH, required_level: 3 },
    ]);
    expect(statements.filter((s) => /INSERT INTO "matching"\.needs/.test(s))).toHaveLength(1);
  });

  it('reads what a batch of many candidates needs in one go and writes each table once', async () => {
    const many = Array.from({ length: 10 }, newIds);
    const earlier = newIds();
    await oneByOne(earlier, [registered, validatedC]);
    const events = many.flatMap((ids) =>
      [registered, validatedA, validatedB, validatedC].map((s) => ({ contract: s.contract, payload: s.payload(ids) })),
    );
    const statements = await db.transaction(async (tx) => {
      const counted = counting(tx);
      const scope = scopeOf(events);
      for (const e of events) await projector.apply(counted.em, e.contract, e.payload, scope);
      await scope.run();
      const statements = [...counted.statements];
      // Matching's read of the batch's candidates (any case, repeated) and of one from before: only that one is read.
      const asked = [...many.map((ids) => ids.aggregate.toUpperCase()), earlier.aggregate, many[3].aggregate];
      const before = counted.statements.length;
      const held = await reader.candidates(counted.em, asked);
      expect(counted.statements.slice(before)).toHaveLength(1);
      expectSameCandidates(held, await repository.knownCandidates(tx, asked));
      expect(held).toHaveLength(11);
      return statements;
    });
    // One read (the erasure key aside, read once per process), and one write for candidates, validations and levels.
    expect(statements.filter((s) => s.trimStart().startsWith('SELECT') && !s.includes('erasure_key'))).toHaveLength(1);
    expect(statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE|WITH)/.test(s))).toHaveLength(1);
    for (const ids of many) {
      const levels = await db.query(`SELECT task_id, level FROM matching.candidate_task_levels WHERE candidate_id = $1 ORDER BY task_id`, [
        ids.aggregate,
      ]);
      expect(levels).toEqual([
        { task_id: DISHES, level: 2 },
        { task_id: LUNCH, level: 3 },
      ]);
    }
  });
});
