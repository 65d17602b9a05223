import { FixedClock } from '@jobbspar/testing';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import type { CandidateProfile } from '../../../../read-models/domain/read-models';
import { PreviewSupplyHandler } from './preview-supply.handler';
import { PreviewSupplyQuery } from './preview-supply.query';

const LUNCH = { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' } as const;
const DISHES = { taskId: 'kitchen.dishwashing', requiredLevel: 2, weight: 'must-have' } as const;

function profile(over: Partial<CandidateProfile> = {}): CandidateProfile {
  return {
    homeMunicipality: '1496',
    availableFrom: '2026-05-01',
    maxCommuteMinutes: 45,
    interests: [],
    supportNeeds: { closeSupervision: false, languageSupport: false },
    waitingSince: '2026-01-01',
    ...over,
  };
}

function setup() {
  const world = fakeWorld();
  const add = (id: string, levels: Record<string, 1 | 2 | 3>, over: Partial<CandidateProfile> = {}, consent = true) => {
    world.readModels.candidates.set(id, {
      candidateId: id,
      revision: 1,
      profileRevision: 1,
      consentRevision: 1,
      matchingConsent: consent,
      profile: profile(over),
    });
    for (const [task, level] of Object.entries(levels)) world.readModels.levels.set(`${id}|${task}`, level);
  };
  const handler = new PreviewSupplyHandler(
    world.dataSource.asDataSource(),
    new ReadModelReader(world.readModels),
    new FixedClock(new Date('2026-05-20T10:00:00Z')),
  );
  const preview = (tasks: PreviewSupplyQuery['role']['tasks'], workplaceMunicipality = '1496') =>
    handler.execute(new PreviewSupplyQuery({ workplaceMunicipality, startDate: null, tasks }));
  return { ...world, add, preview };
}

describe(PreviewSupplyHandler.name, () => {
  it('previews from the read models: within commute through the task index, judged by the hard filters', async () => {
    const world = setup();
    world.add('amal', { [LUNCH.taskId]: 2, [DISHES.taskId]: 2 });
    world.add('dilan', { [LUNCH.taskId]: 2 });
    // Helsingborg is hours from Skövde: not within anyone's 45 minutes.
    world.add('farida', { [LUNCH.taskId]: 2, [DISHES.taskId]: 2 }, { homeMunicipality: '1283' });
    world.add('without-consent', { [LUNCH.taskId]: 2, [DISHES.taskId]: 2 }, {}, false);
    world.add('other-tasks', { 'cleaning.classroom-clean': 2 });

    const view = await world.preview([LUNCH, DISHES]);

    expect(view).toEqual({
      workplaceMunicipality: '1496',
      startDate: null,
      tasks: [LUNCH, DISHES],
      inReach: 2,
      qualify: 1,
      oneValidationAway: 1,
      closingValidations: [{ taskId: DISHES.taskId, requiredLevel: 2, missing: 1, belowLevel: 0 }],
    });
  });

  it('rejects a task the taxonomy does not know, naming it, with SUPPLY_PREVIEW_INVALID', async () => {
    const error = await rejectionOf(setup().preview([LUNCH, { taskId: 'kitchen.no-such-task', requiredLevel: 1, weight: 'must-have' }]));

    expect(error).toMatchObject({ code: 'SUPPLY_PREVIEW_INVALID', details: { field: 'tasks.1.taskId' } });
    expect(error.message).toContain('kitchen.no-such-task');
  });

  it('rejects a task asked twice and a municipality the taxonomy does not know', async () => {
    const world = setup();

    expect(await rejectionOf(world.preview([LUNCH, { ...LUNCH, requiredLevel: 1 }]))).toMatchObject({
      details: { field: 'tasks.1.taskId' },
    });
    expect(await rejectionOf(world.preview([LUNCH], '0000'))).toMatchObject({ details: { field: 'workplaceMunicipality' } });
  });
});
