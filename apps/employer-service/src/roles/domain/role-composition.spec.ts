import { getTask, SKOVDE_ROLE_TEMPLATES } from '@jobbspar/taxonomy';
import { UnknownOccupationError, UnknownTaskError } from '../../taxonomy/domain/taxonomy.errors';
import { composeRole, RoleCompositionInput, sameContent } from './role-composition';
import { InvalidRoleCompositionError, RoleCompositionRule } from './role.errors';

const SERVE_LUNCH = 'kitchen.serve-school-lunch'; // 9412 first
const CLASSROOM = 'cleaning.classroom-clean'; // 9111
const TIDY_ROOMS = 'preschool.tidy-and-restock-rooms'; // 5311 first

const input = (over: Partial<RoleCompositionInput> = {}): RoleCompositionInput => ({
  name: 'Serviceassistent',
  tasks: [
    { taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'must-have' },
    { taskId: CLASSROOM, requiredLevel: 1, weight: 'nice-to-have' },
  ],
  ...over,
});

function rule(fn: () => unknown): { rule: RoleCompositionRule; field: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidRoleCompositionError) return { rule: error.rule, field: error.details?.field };
    throw error;
  }
  throw new Error('composition was accepted');
}

describe(composeRole.name, () => {
  it('keeps the tasks as given and derives each task’s most typical occupation, in order of appearance', () => {
    const role = composeRole(
      input({
        tasks: [
          { taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'must-have' },
          { taskId: CLASSROOM, requiredLevel: 1, weight: 'nice-to-have' },
          { taskId: TIDY_ROOMS, requiredLevel: 3, weight: 'nice-to-have' },
          { taskId: 'kitchen.dishwashing', requiredLevel: 1, weight: 'must-have' },
        ],
      }),
    );
    expect(role.occupations).toEqual(['9412', '9111', '5311']);
    expect(role.tasks.map((t) => [t.taskId, t.requiredLevel, t.weight])).toEqual([
      [SERVE_LUNCH, 2, 'must-have'],
      [CLASSROOM, 1, 'nice-to-have'],
      [TIDY_ROOMS, 3, 'nice-to-have'],
      ['kitchen.dishwashing', 1, 'must-have'],
    ]);
  });

  it('rejects a role with no must-have task', () => {
    const onlyNice = input({ tasks: [{ taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'nice-to-have' }] });
    expect(rule(() => composeRole(onlyNice))).toEqual({ rule: 'no-must-have', field: 'tasks' });
  });

  it('rejects a task listed twice, pointing at the second entry', () => {
    const twice = input({
      tasks: [
        { taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'must-have' },
        { taskId: CLASSROOM, requiredLevel: 2, weight: 'must-have' },
        { taskId: SERVE_LUNCH, requiredLevel: 1, weight: 'nice-to-have' },
      ],
    });
    expect(rule(() => composeRole(twice))).toEqual({ rule: 'task-twice', field: 'tasks[2].taskId' });
  });

  it('rejects a task the taxonomy does not know', () => {
    const unknown = input({ tasks: [...input().tasks, { taskId: 'kitchen.juggle-plates', requiredLevel: 1, weight: 'must-have' }] });
    expect(() => composeRole(unknown)).toThrow(UnknownTaskError);
    expect(() => composeRole(unknown)).toThrow(/^tasks\[2\]\.taskId: 'kitchen\.juggle-plates'/);
  });

  it.each([0, 4, -1, 1.5, Number.NaN])('rejects level %p, outside 1-3', (level) => {
    const bad = input({ tasks: [{ taskId: SERVE_LUNCH, requiredLevel: level, weight: 'must-have' }] });
    expect(rule(() => composeRole(bad))).toEqual({ rule: 'level-out-of-range', field: 'tasks[0].requiredLevel' });
  });

  it.each([1, 2, 3])('accepts level %p', (level) => {
    expect(composeRole(input({ tasks: [{ taskId: SERVE_LUNCH, requiredLevel: level, weight: 'must-have' }] })).tasks[0].requiredLevel).toBe(
      level,
    );
  });

  it('rejects an unknown weight, no tasks, too many tasks, and an empty or overlong name', () => {
    expect(rule(() => composeRole(input({ tasks: [{ taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'required' }] }))).rule).toBe(
      'unknown-weight',
    );
    expect(rule(() => composeRole(input({ tasks: [] }))).rule).toBe('no-tasks');
    expect(rule(() => composeRole(input({ name: '   ' }))).rule).toBe('name-empty');
    expect(rule(() => composeRole(input({ name: 'x'.repeat(121) }))).rule).toBe('name-too-long');
    expect(composeRole(input({ name: 'x'.repeat(120) })).name).toHaveLength(120);
  });

  it('rejects more than 60 tasks', () => {
    const many = Array.from({ length: 61 }, () => ({ taskId: SERVE_LUNCH, requiredLevel: 1, weight: 'must-have' }));
    expect(rule(() => composeRole(input({ tasks: many }))).rule).toBe('too-many-tasks');
  });

  describe('with the occupations named', () => {
    it('keeps them when every task belongs to one and each contributes a task', () => {
      // serve-school-lunch belongs to 9412 and 5120: named for the cooks here, it is still covered.
      const role = composeRole(input({ occupations: ['5120', '9111'] }));
      expect(role.occupations).toEqual(['5120', '9111']);
    });

    it('rejects a task that belongs to none of them', () => {
      expect(rule(() => composeRole(input({ occupations: ['9412'] })))).toEqual({
        rule: 'task-outside-occupations',
        field: 'tasks[1].taskId',
      });
    });

    it('rejects an occupation no task belongs to, one listed twice, and an unknown one', () => {
      expect(rule(() => composeRole(input({ occupations: ['9412', '9111', '5321'] })))).toEqual({
        rule: 'occupation-without-task',
        field: 'occupations[2]',
      });
      expect(rule(() => composeRole(input({ occupations: ['9412', '9111', '9412'] }))).rule).toBe('occupation-twice');
      expect(() => composeRole(input({ occupations: ['9412', '0000'] }))).toThrow(UnknownOccupationError);
    });
  });

  it("composes Skövde's serviceassistent and enhetsassistent templates as they stand", () => {
    for (const template of Object.values(SKOVDE_ROLE_TEMPLATES)) {
      const role = composeRole({ name: template.nameSv, tasks: template.tasks, occupations: template.occupations });
      expect(role.occupations).toEqual(template.occupations);
      expect(role.tasks).toHaveLength(template.tasks.length);
    }
  });

  it('derives occupations from the first occupation the taxonomy lists for each task', () => {
    const role = composeRole(input());
    expect(role.occupations).toEqual([getTask(SERVE_LUNCH)!.occupations[0], getTask(CLASSROOM)!.occupations[0]]);
  });
});

describe(sameContent.name, () => {
  it('tells apart versions that differ in name, a level, a weight, the order of tasks or the occupations', () => {
    const base = composeRole(input());
    expect(sameContent(base, composeRole(input()))).toBe(true);
    expect(sameContent(base, composeRole(input({ name: 'Annat namn' })))).toBe(false);
    const [a, b] = input().tasks;
    expect(sameContent(base, composeRole(input({ tasks: [{ ...a, requiredLevel: 3 }, b] })))).toBe(false);
    expect(sameContent(base, composeRole(input({ tasks: [a, { ...b, weight: 'must-have' }] })))).toBe(false);
    expect(sameContent(base, composeRole(input({ tasks: [b, a] })))).toBe(false);
    expect(sameContent(base, composeRole(input({ occupations: ['5120', '9111'] })))).toBe(false);
  });
});
