import { CandidateErasedV1 } from '@jobbspar/contracts';
import { CANDIDATE_ID, candidateWorld, CTX, RecordedQuery, rejectionOf } from '../../../../testing/fakes';
import { CandidateNotFoundError } from '../../../domain/candidate.errors';
import { EraseCandidateCommand } from './erase-candidate.command';
import { EraseCandidateHandler } from './erase-candidate.handler';

/*
 * The handler deletes her rows with raw SQL through the transaction's EntityManager, so these specs stand at that
 * seam: the stub EntityManager answers the one SELECT (her placements) and records the rest. That the statements
 * really delete the rows is for test/candidate/candidate.e2e-spec.ts against PostgreSQL; here we check which tables
 * are emptied for whom, in which order, and what is published.
 */
const NOW = new Date('2030-01-10T08:00:00Z');
const PLACEMENT_ID = '77777777-7777-4777-8777-777777777777';

const deletedTable = (q: RecordedQuery): string | undefined => /^DELETE FROM candidate\.(\w+)/.exec(q.sql)?.[1];

function setup(options: { candidate?: boolean } = {}) {
  const world = candidateWorld();
  world.clock.set(NOW);
  if (options.candidate !== false) world.seedCandidate({ revision: 6, tenant: 'se-14' });
  world.dataSource.answer = (sql) => (/FROM candidate\.placements/.test(sql) ? [{ placement_id: PLACEMENT_ID }] : undefined);
  const handler = new EraseCandidateHandler(world.dataSource.asDataSource(), world.candidates, world.outbox, world.clock);
  const erase = () => handler.execute(new EraseCandidateCommand(CANDIDATE_ID, CTX));
  return { ...world, erase };
}

describe(EraseCandidateHandler.name, () => {
  it('deletes every row about her, children first, and leaves a tombstone', async () => {
    const { erase, candidates, dataSource } = setup();

    const result = await erase();

    expect(result).toEqual({ candidateId: CANDIDATE_ID, erasedAt: NOW.toISOString(), alreadyErased: false });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    const queries = dataSource.transactions[0].queries;
    const byCandidate = queries.filter((q) => deletedTable(q) && q.parameters?.length === 1 && q.parameters[0] === CANDIDATE_ID);
    expect(byCandidate.map(deletedTable)).toEqual([
      'placement_follow_ups',
      'validations',
      'assessments',
      'internships',
      'placements',
      'consents',
      'follow_up_attributes',
      'personal_data',
      'candidates',
    ]);
    expect(byCandidate.every((q) => /WHERE candidate_id = \$1$/.test(q.sql))).toBe(true);
    const tombstone = queries.find((q) => q.sql.startsWith('INSERT INTO candidate.erasures'));
    expect(tombstone?.parameters).toEqual([CANDIDATE_ID, NOW]);
  });

  it('deletes her outbox and inbox rows, including those keyed by her placements', async () => {
    const { erase, dataSource } = setup();

    await erase();

    const queries = dataSource.transactions[0].queries;
    const outbox = queries.find((q) => deletedTable(q) === 'outbox');
    expect(outbox?.parameters).toEqual([[CANDIDATE_ID, PLACEMENT_ID], CANDIDATE_ID]);
    const inbox = queries.find((q) => deletedTable(q) === 'inbox');
    expect(inbox?.parameters).toEqual([[CANDIDATE_ID, PLACEMENT_ID]]);
  });

  it('appends CandidateErased after her outbox rows are gone, at the revision after her last', async () => {
    const { erase, outbox, dataSource } = setup();

    await erase();

    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(CandidateErasedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({ candidateId: CANDIDATE_ID, erasedAt: NOW.toISOString() });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: CANDIDATE_ID,
      aggregateVersion: 7,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
    // Appended after the DELETE of her outbox rows, or that DELETE would take the erasure event with it.
    const queries = dataSource.transactions[0].queries;
    const outboxDelete = queries.findIndex((q) => deletedTable(q) === 'outbox');
    expect(outboxDelete).toBeGreaterThanOrEqual(0);
    expect(event.afterQueries).toBeGreaterThan(outboxDelete);
  });

  it('answers a repeated erasure with the first one, deleting and appending nothing', async () => {
    const { erase, candidates, outbox, dataSource } = setup();
    const first = new Date('2030-01-05T12:00:00Z');
    candidates.erasures.set(CANDIDATE_ID, first);

    const result = await erase();

    expect(result).toEqual({ candidateId: CANDIDATE_ID, erasedAt: first.toISOString(), alreadyErased: true });
    expect(candidates.locked).toEqual([]);
    expect(dataSource.transactions[0].queries).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });

  it('answers an erasure that waited for a concurrent one as a repeat, not as an unknown candidate', async () => {
    const { erase, candidates, outbox, dataSource } = setup();
    const concurrent = new Date('2030-01-10T07:59:59Z');
    // The other erasure commits while this one waits for her row lock: the row is gone, the tombstone is there.
    candidates.lock = async () => {
      candidates.rows.delete(CANDIDATE_ID);
      candidates.erasures.set(CANDIDATE_ID, concurrent);
      throw new CandidateNotFoundError(CANDIDATE_ID);
    };

    const result = await erase();

    expect(result).toEqual({ candidateId: CANDIDATE_ID, erasedAt: concurrent.toISOString(), alreadyErased: true });
    expect(dataSource.transactions[0].queries).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });

  it('rejects an unknown candidate, deleting and appending nothing', async () => {
    const { erase, outbox, dataSource } = setup({ candidate: false });

    const error = await rejectionOf(erase());

    expect(error).toBeInstanceOf(CandidateNotFoundError);
    expect(error.code).toBe('CANDIDATE_NOT_FOUND');
    expect(dataSource.transactions[0].queries).toEqual([]);
    expect(dataSource.rollbacks).toBe(1);
    expect(outbox.appended).toEqual([]);
  });
});
