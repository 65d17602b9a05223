import { CandidateProfileUpdatedV1 } from '@jobbspar/contracts';
import { fakeEntityManager } from '@jobbspar/testing';
import { CANDIDATE_ID, candidateWorld, WORKPLACE_ID } from '../../../../../test/fakes';
import { RecordPlacementEndedCommand } from './record-placement-ended.command';
import { RecordPlacementEndedHandler } from './record-placement-ended.handler';

const PLACEMENT_ID = '77777777-7777-4777-8777-777777777777';
const END = { placementId: PLACEMENT_ID, endDate: '2030-06-30', outcome: 'employed' };
const CAUSE = { actor: 'matching-service', correlationId: 'corr-9', causationId: '99999999-9999-4999-8999-999999999999' };

function setup(options: { known?: boolean } = {}) {
  const world = candidateWorld();
  world.seedCandidate({ revision: 3, waitingSince: '2029-01-02' });
  if (options.known !== false) {
    world.placements.rows.set(PLACEMENT_ID, {
      placementId: PLACEMENT_ID,
      candidateId: CANDIDATE_ID,
      needId: 'n-1',
      employerId: WORKPLACE_ID,
      placementType: 'internship',
      startDate: '2030-04-01',
      support: { supervisor: false, languageSupport: false, studyCounselling: false },
      endDate: null,
      outcome: null,
    });
  }
  const handler = new RecordPlacementEndedHandler(world.candidates, world.placements, world.profiles);
  const em = fakeEntityManager(true);
  const record = (candidateId = CANDIDATE_ID) => handler.execute(new RecordPlacementEndedCommand(candidateId, END, em, CAUSE));
  return { ...world, record, em };
}

describe(RecordPlacementEndedHandler.name, () => {
  it('records the end, restarts her waiting on the end date and republishes her profile in the same transaction', async () => {
    const { record, placements, candidates, outbox, em } = setup();

    expect(await record()).toBe('recorded');

    expect(placements.rows.get(PLACEMENT_ID)).toMatchObject({ endDate: '2030-06-30', outcome: 'employed' });
    expect(candidates.stored(CANDIDATE_ID)).toMatchObject({ waitingSince: '2030-06-30', revision: 4 });
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(CandidateProfileUpdatedV1);
    expect(event.em).toBe(em);
    expect(event.payload).toMatchObject({ candidateId: CANDIDATE_ID, revision: 4, waitingSince: '2030-06-30' });
    expect(event.envelope).toMatchObject({ aggregateId: CANDIDATE_ID, aggregateVersion: 4, ...CAUSE });
  });

  it('restarts her waiting even when the start never reached us', async () => {
    const { record, placements, candidates, outbox } = setup({ known: false });

    expect(await record()).toBe('recorded');

    expect(placements.rows.size).toBe(0);
    expect(candidates.stored(CANDIDATE_ID).waitingSince).toBe('2030-06-30');
    expect(outbox.types()).toEqual([CandidateProfileUpdatedV1.type]);
  });

  it('skips a candidate not held here, changing and publishing nothing', async () => {
    const { record, placements, outbox } = setup();

    expect(await record('44444444-4444-4444-8444-444444444444')).toBe('skipped');

    expect(placements.rows.get(PLACEMENT_ID)).toMatchObject({ endDate: null });
    expect(outbox.appended).toEqual([]);
  });
});
