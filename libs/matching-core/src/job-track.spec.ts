import { nextValidationSteps, type NearbyNeed } from './job-track';
import type { TaskRequirement } from './types';

const must = (taskId: string, requiredLevel: 1 | 2 | 3 = 2): TaskRequirement => ({ taskId, requiredLevel, weight: 'must-have' });
const nice = (taskId: string, requiredLevel: 1 | 2 | 3 = 2): TaskRequirement => ({ taskId, requiredLevel, weight: 'nice-to-have' });
const needOf = (needId: string, tasks: TaskRequirement[], positionsLeft = 1): NearbyNeed => ({ needId, tasks, positionsLeft });

describe(nextValidationSteps.name, () => {
  const role = [must('cook'), must('clean'), nice('serve'), nice('stock', 1)];

  it('lists only the tasks missing or below the required level, with the current level', () => {
    const steps = nextValidationSteps({ cook: 2, clean: 1, stock: 1 }, role, []);
    expect(steps).toEqual([
      { taskId: 'clean', requiredLevel: 2, currentLevel: 1, weight: 'must-have', opensNeeds: 0 },
      { taskId: 'serve', requiredLevel: 2, currentLevel: null, weight: 'nice-to-have', opensNeeds: 0 },
    ]);
  });

  it('puts first the step that opens the most open needs nearby', () => {
    const nearby = [
      needOf('n1', [must('serve')]),
      needOf('n2', [must('serve', 1), nice('cook')]),
      needOf('n3', [must('clean'), must('stock', 1)]),
      needOf('n4', [must('cook', 1)]),
    ];
    const steps = nextValidationSteps({ stock: 1 }, role, nearby);
    // stock (level 1 of 1) is no step; serve alone opens n1 and n2; clean opens n3 (stock is there), cook opens n4.
    expect(steps.map((s) => [s.taskId, s.opensNeeds])).toEqual([
      ['serve', 2],
      ['clean', 1],
      ['cook', 1],
    ]);
  });

  it('counts needs, not positions, and ignores needs without positions left', () => {
    const nearby = [
      needOf('big', [must('clean')], 40),
      needOf('none', [must('cook')], 0),
      needOf('a', [must('cook')]),
      needOf('b', [must('cook')]),
    ];
    const steps = nextValidationSteps({}, [must('cook'), must('clean')], nearby);
    expect(steps.map((s) => [s.taskId, s.opensNeeds])).toEqual([
      ['cook', 2],
      ['clean', 1],
    ]);
  });

  it('does not count a need that still lacks another must-have, or is already open to the candidate', () => {
    const nearby = [needOf('two', [must('cook'), must('clean')]), needOf('open', [must('stock', 1)])];
    const steps = nextValidationSteps({ stock: 1 }, [must('cook'), must('clean')], nearby);
    expect(steps.every((s) => s.opensNeeds === 0)).toBe(true);
  });

  it('counts a need only if the step reaches the level that need requires', () => {
    const nearby = [needOf('high', [must('cook', 3)]), needOf('low', [must('cook', 1)])];
    expect(nextValidationSteps({}, [must('cook', 2)], nearby)[0].opensNeeds).toBe(1);
    expect(nextValidationSteps({}, [must('cook', 3)], nearby)[0].opensNeeds).toBe(2);
  });

  it('breaks ties with must-have before nice-to-have, then task id', () => {
    const steps = nextValidationSteps({}, [nice('a'), must('d'), nice('b'), must('c')], []);
    expect(steps.map((s) => s.taskId)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('takes the stricter requirement when the role lists a task twice', () => {
    const steps = nextValidationSteps({ cook: 2 }, [nice('cook', 2), must('cook', 3)], []);
    expect(steps).toEqual([{ taskId: 'cook', requiredLevel: 3, currentLevel: 2, weight: 'must-have', opensNeeds: 0 }]);
  });

  it('returns nothing when the candidate already meets the whole role', () => {
    expect(nextValidationSteps({ cook: 3, clean: 2, serve: 2, stock: 1 }, role, [needOf('n', [must('cook')])])).toEqual([]);
  });
});
