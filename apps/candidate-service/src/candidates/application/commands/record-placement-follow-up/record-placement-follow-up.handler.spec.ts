import { fakeEntityManager } from '@jobbspar/testing';
import { CANDIDATE_ID, candidateWorld } from '../../../../../test/fakes';
import { RecordPlacementFollowUpCommand } from './record-placement-follow-up.command';
import { RecordPlacementFollowUpHandler } from './record-placement-follow-up.handler';

const FOLLOW_UP = { placementId: '77777777-7777-4777-8777-777777777777', checkpointDays: 90, status: 'employed', recordedOn: '2030-07-01' };

function setup() {
  const world = candidateWorld();
  const handler = new RecordPlacementFollowUpHandler(world.candidates, world.placements);
  const em = fakeEntityManager(true);
  const record = (followUp = FOLLOW_UP) => handler.execute(new RecordPlacementFollowUpCommand(CANDIDATE_ID, followUp, em));
  return { ...world, record };
}

describe(RecordPlacementFollowUpHandler.name, () => {
  it('records her outcome at the checkpoint once; a repeat of the checkpoint changes nothing; publishes nothing', async () => {
    const { record, seedCandidate, placements, outbox } = setup();
    seedCandidate();

    expect(await record()).toBe('recorded');
    expect(await record({ ...FOLLOW_UP, status: 'studying' })).toBe('recorded');

    expect([...placements.followUps.values()]).toEqual([{ ...FOLLOW_UP, candidateId: CANDIDATE_ID }]);
    expect(outbox.appended).toEqual([]);
  });

  it('skips a candidate not held here, so nothing about an erased candidate comes back', async () => {
    const { record, placements } = setup();

    expect(await record()).toBe('skipped');

    expect(placements.followUps.size).toBe(0);
  });
});
