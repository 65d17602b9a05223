import { nextValidationSteps } from '@jobbspar/matching-core';
import { getTask } from '@jobbspar/taxonomy';

export type TaskLevel = 1 | 2 | 3;
export type TaskWeight = 'must-have' | 'nice-to-have';

export interface TaskRequirement {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  readonly weight: TaskWeight;
}

export interface OpenNeed {
  readonly needId: string;
  readonly tasks: readonly TaskRequirement[];
  readonly positionsLeft: number;
}

export interface JobTrackStep {
  readonly taskId: string;
  /** The task's Swedish name, as coordinators and supervisors use it. */
  readonly taskName: string;
  readonly requiredLevel: TaskLevel;
  readonly currentLevel: TaskLevel | null;
  readonly weight: TaskWeight;
  /** Open needs within her commute that this step alone would open to her. */
  readonly opensNeeds: number;
}

/**
 * Her next validation steps towards a role: the role's tasks she lacks at the required level, those that would open
 * the most open needs nearby first (the ordering is matching-core's, shared with matching so both agree).
 */
export function jobTrackSteps(
  levels: Readonly<Record<string, TaskLevel>>,
  role: readonly TaskRequirement[],
  nearby: readonly OpenNeed[],
): JobTrackStep[] {
  return nextValidationSteps(levels, role, nearby).map((step: Omit<JobTrackStep, 'taskName'>) => ({
    taskId: step.taskId,
    taskName: getTask(step.taskId)?.nameSv ?? step.taskId,
    requiredLevel: step.requiredLevel,
    currentLevel: step.currentLevel,
    weight: step.weight,
    opensNeeds: step.opensNeeds,
  }));
}
