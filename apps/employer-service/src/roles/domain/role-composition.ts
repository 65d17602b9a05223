import type { TaskLevel, TaskWeight } from '@jobbspar/taxonomy';
import { requireOccupation, requireTask } from '../../taxonomy/domain/taxonomy-lookups';
import { InvalidRoleCompositionError } from './role.errors';

/** Limits shared with the published contract (RoleVersionV1Payload): a role that passes here always publishes. */
export const ROLE_LIMITS = { name: 120, tasks: 60, occupations: 20 } as const;
export const TASK_WEIGHTS: readonly TaskWeight[] = ['must-have', 'nice-to-have'];

export interface TaskRequirement {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  readonly weight: TaskWeight;
}

/** What one version of a role says: its name, the occupations it draws on and its weighted task requirements. */
export interface RoleContent {
  readonly name: string;
  readonly occupations: readonly string[];
  readonly tasks: readonly TaskRequirement[];
}

export interface RoleCompositionInput {
  readonly name: string;
  readonly tasks: readonly { readonly taskId: string; readonly requiredLevel: number; readonly weight: string }[];
  /** The occupations the tasks are taken from; derived from the tasks when absent. */
  readonly occupations?: readonly string[];
}

function isLevel(level: number): level is TaskLevel {
  return level === 1 || level === 2 || level === 3;
}

/**
 * The rules of a role composed from tasks: a name, 1-60 known tasks each at most once with a level 1-3 and a weight,
 * at least one must-have (a role with only nice-to-haves would match anyone and say nothing), and the occupations it
 * draws on. Without explicit occupations, each task counts for the occupation it is most typical of (the first the
 * taxonomy lists); with them, every task must belong to one of them and each of them must contribute a task.
 */
export function composeRole(input: RoleCompositionInput): RoleContent {
  const name = input.name.trim();
  if (name.length === 0) throw new InvalidRoleCompositionError('name', 'name-empty', 'a role needs a name');
  if (name.length > ROLE_LIMITS.name) {
    throw new InvalidRoleCompositionError('name', 'name-too-long', `at most ${ROLE_LIMITS.name} characters, got ${name.length}`);
  }
  if (input.tasks.length === 0) throw new InvalidRoleCompositionError('tasks', 'no-tasks', 'a role needs at least one task');
  if (input.tasks.length > ROLE_LIMITS.tasks) {
    throw new InvalidRoleCompositionError('tasks', 'too-many-tasks', `at most ${ROLE_LIMITS.tasks} tasks, got ${input.tasks.length}`);
  }

  const seen = new Map<string, number>();
  const tasks: TaskRequirement[] = [];
  const taskOccupations: (readonly string[])[] = [];
  input.tasks.forEach((requirement, i) => {
    const field = `tasks[${i}]`;
    if (!isLevel(requirement.requiredLevel)) {
      throw new InvalidRoleCompositionError(
        `${field}.requiredLevel`,
        'level-out-of-range',
        `level must be 1 (with support), 2 (independently) or 3 (can instruct others), got ${requirement.requiredLevel}`,
      );
    }
    if (!(TASK_WEIGHTS as readonly string[]).includes(requirement.weight)) {
      throw new InvalidRoleCompositionError(`${field}.weight`, 'unknown-weight', `weight must be one of ${TASK_WEIGHTS.join(', ')}`);
    }
    const task = requireTask(requirement.taskId, `${field}.taskId`);
    const first = seen.get(task.id);
    if (first !== undefined) {
      throw new InvalidRoleCompositionError(`${field}.taskId`, 'task-twice', `task '${task.id}' is already listed as tasks[${first}]`);
    }
    seen.set(task.id, i);
    tasks.push({ taskId: task.id, requiredLevel: requirement.requiredLevel, weight: requirement.weight as TaskWeight });
    taskOccupations.push(task.occupations);
  });
  if (!tasks.some((t) => t.weight === 'must-have')) {
    throw new InvalidRoleCompositionError('tasks', 'no-must-have', 'at least one task must be a must-have');
  }

  const occupations =
    input.occupations === undefined ? primaryOccupations(taskOccupations) : checkOccupations(input.occupations, tasks, taskOccupations);
  if (occupations.length > ROLE_LIMITS.occupations) {
    throw new InvalidRoleCompositionError(
      input.occupations === undefined ? 'tasks' : 'occupations',
      'too-many-occupations',
      `the tasks span ${occupations.length} occupations, at most ${ROLE_LIMITS.occupations} allowed`,
    );
  }
  return { name, occupations, tasks };
}

function primaryOccupations(taskOccupations: readonly (readonly string[])[]): string[] {
  return [...new Set(taskOccupations.map((list) => list[0]))];
}

function checkOccupations(
  given: readonly string[],
  tasks: readonly TaskRequirement[],
  taskOccupations: readonly (readonly string[])[],
): string[] {
  if (given.length === 0)
    throw new InvalidRoleCompositionError('occupations', 'occupation-without-task', 'list at least one occupation, or leave the field out');
  const listed = new Set<string>();
  given.forEach((ssyk, i) => {
    requireOccupation(ssyk, `occupations[${i}]`);
    if (listed.has(ssyk))
      throw new InvalidRoleCompositionError(`occupations[${i}]`, 'occupation-twice', `occupation ${ssyk} is listed twice`);
    listed.add(ssyk);
  });
  tasks.forEach((task, i) => {
    if (!taskOccupations[i].some((ssyk) => listed.has(ssyk))) {
      throw new InvalidRoleCompositionError(
        `tasks[${i}].taskId`,
        'task-outside-occupations',
        `task '${task.taskId}' belongs to none of the listed occupations (it belongs to ${taskOccupations[i].join(', ')})`,
      );
    }
  });
  given.forEach((ssyk, i) => {
    if (!taskOccupations.some((list) => list.includes(ssyk))) {
      throw new InvalidRoleCompositionError(
        `occupations[${i}]`,
        'occupation-without-task',
        `no task of the role belongs to occupation ${ssyk}`,
      );
    }
  });
  return [...given];
}

/** Two versions say the same thing when name, occupations and tasks (in order) are equal. */
export function sameContent(a: RoleContent, b: RoleContent): boolean {
  return (
    a.name === b.name &&
    a.occupations.length === b.occupations.length &&
    a.occupations.every((o, i) => o === b.occupations[i]) &&
    a.tasks.length === b.tasks.length &&
    a.tasks.every(
      (t, i) => t.taskId === b.tasks[i].taskId && t.requiredLevel === b.tasks[i].requiredLevel && t.weight === b.tasks[i].weight,
    )
  );
}
