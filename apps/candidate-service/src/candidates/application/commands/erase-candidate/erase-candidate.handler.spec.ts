import { CandidateErasedV1 } from '@jobbspar/contracts';
import { CANDIDATE_ID, candidateWorld, CTX, INTERNSHIP_ID, rejectionOf, WORKPLACE_ID } from '../../../../../test/fakes';
import { CandidateNotFoundError } from '../../../domain/candidate.errors';
import { EraseCandidateCommand } from './erase-candidate.command';
import { EraseCandidateHandler } from './erase-candidate.handler';

/*
 * The handler erases through the repositories that own her rows and through the outbox and inbox; these specs
 * stand at that seam with in-memory fakes. That the SQL really deletes the rows is for the repositories' medium
 * specs and test/candidate/candidate.e2e-spec.ts against PostgreSQL.
 */
const NOW = new Date('2030-01-10T08:00:00Z');
const PLACEMENT_ID = '77777777-7777-4777-8777-777777777777';
const OTHER_ID = '33333333-3333-4333-8333-333333333333';

function setup(options: { candidate?: boolean } = {}) {
  const world = candidateWorld();
  world.clock.set(NOW);
  if (options.candidate !== false) {
    world.seedCandidate({ revision: 6, tenant: 'se-14' });
    world.candidates.followUps.set(CANDIDATE_ID, { gender: 'woman', bornAbroad: true, yearOfArrival: 2019 });
    world.internships.internshipRows.set(INTERNSHIP_ID, {
      internshipId: INTERNSHIP_ID,
      candidateId: CANDIDATE_ID,
      workplaceId: WORKPLACE_ID,
      supervisorRole: 'kock',
      startDate: '2030-03-02',
      endDate: '2030-03-27',
      createdBy: 'coordinator:seed',
    });
    world.internships.seedValidation({
      validationId: 'v-1',
      candidateId: CANDIDATE_ID,
      taskId: 'kitchen.serve-lunch',
      level: 2,
      certifiedAt: '2030-03-10T08:00:00.000Z',
    });
    world.placements.rows.set(PLACEMENT_ID, {
      placementId: PLACEMENT_ID,
      candidateId: CANDIDATE_ID,
      needId: 'n-1',
      employerId: WORKPLACE_ID,
      placementType: 'internship',
      startDate: '2030-04-01',
      support: { supervisor: false, languageSupport: true, studyCounselling: false },
      endDate: null,
      outcome: null,
    });
    world.placements.followUps.set(`${PLACEMENT_ID}/30`, {
      placementId: PLACEMENT_ID,
      candidateId: CANDIDATE_ID,
      checkpointDays: 30,
      status: 'employed',
      recordedOn: '2030-05-01',
    });
  }
  // Someone else's rows, which erasure must not touch.
  world.seedCandidate({ candidateId: OTHER_ID });
  world.internships.seedValidation({
    validationId: 'v-other',
    candidateId: OTHER_ID,
    taskId: 'kitchen.serve-lunch',
    level: 3,
    certifiedAt: '2030-03-10T08:00:00.000Z',
  });
  const handler = new EraseCandidateHandler(
    world.dataSource.asDataSource(),
    world.candidates,
    world.internships,
    world.placements,
    world.outbox,
    world.inbox,
    world.idempotency,
    world.clock,
  );
  const erase = () => handler.execute(new EraseCandidateCommand(CANDIDATE_ID, CTX));
  return { ...world, erase };
}

describe(EraseCandidateHandler.name, () => {
  it('deletes every row about her through their owners, children first, and leaves a tombstone', async () => {
    const { erase, candidates, internships, placements } = setup();
    const internshipsForget = jest.spyOn(internships, 'forgetCandidate');
    const placementsForget = jest.spyOn(placements, 'forgetCandidate');
    const candidateErase = jest.spyOn(candidates, 'erase');

    const result = await erase();

    expect(result).toEqual({ candidateId: CANDIDATE_ID, erasedAt: NOW.toISOString(), alreadyErased: false });
    expect(candidates.locked).toEqual([CANDIDATE_ID]);
    expect(internships.rowsOf(CANDIDATE_ID)).toBe(0);
    expect([...placements.rows.keys()]).toEqual([]);
    expect([...placements.followUps.keys()]).toEqual([]);
    expect(candidates.rows.has(CANDIDATE_ID)).toBe(false);
    expect(candidates.personal.has(CANDIDATE_ID)).toBe(false);
    expect(candidates.followUps.has(CANDIDATE_ID)).toBe(false);
    expect(candidates.consent(CANDIDATE_ID, 'matching')).toBeUndefined();
    expect(candidates.erasures.get(CANDIDATE_ID)).toEqual(NOW);
    // Her internships and placements reference her candidate row: they go first.
    expect(internshipsForget.mock.invocationCallOrder[0]).toBeLessThan(candidateErase.mock.invocationCallOrder[0]);
    expect(placementsForget.mock.invocationCallOrder[0]).toBeLessThan(candidateErase.mock.invocationCallOrder[0]);
    // Nobody else's rows.
    expect(candidates.rows.has(OTHER_ID)).toBe(true);
    expect(candidates.personal.has(OTHER_ID)).toBe(true);
    expect(internships.rowsOf(OTHER_ID)).toBe(1);
  });

  it('forgets her outbox and inbox rows, including those keyed by her placements, in the same transaction', async () => {
    const { erase, outbox, inbox, dataSource } = setup();

    await erase();

    const em = dataSource.transactions[0];
    expect(outbox.forgets).toEqual([
      { em, aggregateIds: [CANDIDATE_ID, PLACEMENT_ID], payloadField: 'candidateId', value: CANDIDATE_ID, afterAppends: 0 },
    ]);
    expect(inbox.forgets).toEqual([{ em, aggregateIds: [CANDIDATE_ID, PLACEMENT_ID] }]);
  });

  it('forgets the recorded responses naming her, and has the erasure event deleted once it is sent', async () => {
    const { erase, outbox, idempotency } = setup();

    await erase();

    expect(idempotency.forgotten).toEqual([CANDIDATE_ID]);
    // Marked after it was appended (one append by then), or the mark would miss it.
    expect(
      outbox.marked.map(({ aggregateIds, payloadField, value, afterAppends }) => ({ aggregateIds, payloadField, value, afterAppends })),
    ).toEqual([{ aggregateIds: [CANDIDATE_ID], payloadField: 'candidateId', value: CANDIDATE_ID, afterAppends: 1 }]);
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
    // Appended after her outbox rows were forgotten (nothing appended by then), or that DELETE would take the erasure event with it.
    expect(outbox.forgets.map((f) => f.afterAppends)).toEqual([0]);
  });

  it('answers a repeated erasure with the first one, deleting and appending nothing', async () => {
    const { erase, candidates, internships, outbox, inbox } = setup();
    const first = new Date('2030-01-05T12:00:00Z');
    candidates.erasures.set(CANDIDATE_ID, first);

    const result = await erase();

    expect(result).toEqual({ candidateId: CANDIDATE_ID, erasedAt: first.toISOString(), alreadyErased: true });
    expect(candidates.locked).toEqual([]);
    expect(candidates.rows.has(CANDIDATE_ID)).toBe(true);
    expect(internships.rowsOf(CANDIDATE_ID)).toBe(2);
    expect(outbox.forgets).toEqual([]);
    expect(inbox.forgets).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });

  it('answers an erasure that waited for a concurrent one as a repeat, not as an unknown candidate', async () => {
    const { erase, candidates, placements, outbox, inbox } = setup();
    const concurrent = new Date('2030-01-10T07:59:59Z');
    // The other erasure commits while this one waits for her row lock: the row is gone, the tombstone is there.
    candidates.lock = async () => {
      candidates.rows.delete(CANDIDATE_ID);
      candidates.erasures.set(CANDIDATE_ID, concurrent);
      throw new CandidateNotFoundError(CANDIDATE_ID);
    };

    const result = await erase();

    expect(result).toEqual({ candidateId: CANDIDATE_ID, erasedAt: concurrent.toISOString(), alreadyErased: true });
    expect(placements.rows.has(PLACEMENT_ID)).toBe(true);
    expect(outbox.forgets).toEqual([]);
    expect(inbox.forgets).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });

  it('rejects an unknown candidate, deleting and appending nothing', async () => {
    const { erase, candidates, internships, outbox, inbox, dataSource } = setup({ candidate: false });

    const error = await rejectionOf(erase());

    expect(error).toBeInstanceOf(CandidateNotFoundError);
    expect(error.code).toBe('CANDIDATE_NOT_FOUND');
    expect(dataSource.rollbacks).toBe(1);
    expect(candidates.erasures.size).toBe(0);
    expect(internships.rowsOf(OTHER_ID)).toBe(1);
    expect(outbox.forgets).toEqual([]);
    expect(inbox.forgets).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });
});
