import type { TaskLevel } from './types';

/** Own properties only: a task id such as "constructor" must not find Object.prototype. */
export function reachedLevel(levels: Readonly<Record<string, TaskLevel>>, taskId: string): TaskLevel | null {
  return Object.prototype.hasOwnProperty.call(levels, taskId) ? levels[taskId] : null;
}
