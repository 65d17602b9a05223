import { jobTrackSteps, OpenNeed, TaskRequirement } from './job-track';

const must = (taskId: string, requiredLevel: 1 | 2 | 3 = 2): TaskRequirement => ({ taskId, requiredLevel, weight: 'must-have' });
const nice = (taskId: string, requiredLevel: 1 | 2 | 3 = 1): TaskRequirement => ({ taskId, requiredLevel, weight: 'nice-to-have' });
const need = (needId: string, tasks: TaskRequirement[], positionsLeft = 1): OpenNeed => ({ needId, tasks, positionsLeft });

describe(jobTrackSteps.name, () => {
  const role = [
    must('cleaning.classroom-clean'),
    must('kitchen.dishwashing'),
    nice('kitchen.serve-school-lunch'),
    nice('cleaning.restock-consumables'),
  ];
  const levels = { 'kitchen.dishwashing': 1, 'cleaning.restock-consumables': 2 } as const;
  const nearby = [
    need('n1', [must('kitchen.dishwashing')]),
    need('n2', [must('kitchen.dishwashing'), nice('cleaning.classroom-clean')], 3),
    need('n3', [must('kitchen.serve-school-lunch', 1)]),
    need('n4', [must('cleaning.classroom-clean'), must('kitchen.dishwashing')]),
    need('n5', [must('cleaning.classroom-clean')], 0),
  ];

  it('orders the missing tasks by how many open needs nearby each would open, before weight and name', () => {
    const steps = jobTrackSteps(levels, role, nearby);
    expect(steps.map((s) => [s.taskId, s.opensNeeds])).toEqual([
      ['kitchen.dishwashing', 2],
      ['kitchen.serve-school-lunch', 1],
      ['cleaning.classroom-clean', 0],
    ]);
  });

  it('leaves out tasks she already holds at the required level, and reports her level on the ones below it', () => {
    const steps = jobTrackSteps(levels, role, nearby);
    expect(steps.find((s) => s.taskId === 'cleaning.restock-consumables')).toBeUndefined();
    expect(steps.find((s) => s.taskId === 'kitchen.dishwashing')).toMatchObject({ currentLevel: 1, requiredLevel: 2, weight: 'must-have' });
    expect(steps.find((s) => s.taskId === 'cleaning.classroom-clean')?.currentLevel).toBeNull();
  });

  it('names each task as the taxonomy does', () => {
    expect(jobTrackSteps({}, [must('kitchen.dishwashing')], [])[0].taskName).toBe('Diska och sköta diskmaskin');
  });

  it('puts must-haves first when no step opens any need', () => {
    expect(jobTrackSteps({}, [nice('cleaning.classroom-clean'), must('kitchen.dishwashing')], []).map((s) => s.taskId)).toEqual([
      'kitchen.dishwashing',
      'cleaning.classroom-clean',
    ]);
  });

  it('is empty when she meets the whole role', () => {
    expect(jobTrackSteps({ 'kitchen.dishwashing': 3 }, [must('kitchen.dishwashing')], nearby)).toEqual([]);
  });
});
