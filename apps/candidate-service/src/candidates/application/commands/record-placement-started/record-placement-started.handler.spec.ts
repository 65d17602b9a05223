import { fakeEntityManager } from '@jobbspar/testing';
import { CANDIDATE_ID, candidateWorld, WORKPLACE_ID } from '../../../../../test/fakes';
import { RecordPlacementStartedCommand } from './record-placement-started.command';
import { RecordPlacementStartedHandler } from './record-placement-started.handler';

const PLACEMENT = {
  placementId: '77777777-7777-4777-8777-777777777777',
  needId: '88888888-8888-4888-8888-888888888888',
  employerId: WORKPLACE_ID,
  placementType: 'internship',
  startDate: '2030-04-01',
  support: { supervisor: true, languageSupport: false, studyCounselling: true },
};

function setup() {
  const world = candidateWorld();
  const handler = new RecordPlacementStartedHandler(world.candidates, world.placements);
  const em = fakeEntityManager(true);
  const record = (candidateId = CANDIDATE_ID) => handler.execute(new RecordPlacementStartedCommand(candidateId, PLACEMENT, em));
  return { ...world, record };
}

describe(RecordPlacementStartedHandler.name, () => {
  it('records the placement for her job track and publishes nothing', async () => {
    const { record, seedCandidate, placements, outbox } = setup();
    seedCandidate();

    expect(await record()).toBe('recorded');

    expect(placements.rows.get(PLACEMENT.placementId)).toEqual({ ...PLACEMENT, candidateId: CANDIDATE_ID, endDate: null, outcome: null });
    expect(outbox.appended).toEqual([]);
  });

  it('skips a candidate not held here, so nothing about an erased candidate comes back', async () => {
    const { record, placements } = setup();

    expect(await record()).toBe('skipped');

    expect(placements.rows.size).toBe(0);
  });
});
