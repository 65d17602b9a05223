import { reachedLevel } from './task-levels';
import type { TaskLevel, TaskRequirement, TaskWeight } from './types';

export interface NearbyNeed {
  readonly needId: string;
  readonly tasks: readonly TaskRequirement[];
  readonly positionsLeft: number;
}

export interface ValidationStep {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  readonly currentLevel: TaskLevel | null;
  readonly weight: TaskWeight;
  /**
   * Open needs nearby (counted as needs, not positions, so one large employer does not decide everyone's track)
   * whose must-haves this step alone would complete: the step's task is the last one missing for that need.
   */
  readonly opensNeeds: number;
}

/**
 * The tasks of a target role the candidate still lacks at the required level, most useful first: the steps that
 * would open the most open needs nearby, then must-haves before nice-to-haves, then by task id.
 * A need that is already open to the candidate, or has no positions left, counts for no step.
 */
export function nextValidationSteps(
  candidateLevels: Readonly<Record<string, TaskLevel>>,
  targetRole: readonly TaskRequirement[],
  openNeedsNearby: readonly NearbyNeed[],
): ValidationStep[] {
  const byTask = new Map<string, TaskRequirement>();
  for (const req of targetRole) {
    // A role listing a task twice asks for the stricter of the two.
    const prev = byTask.get(req.taskId);
    byTask.set(
      req.taskId,
      prev === undefined
        ? req
        : {
            taskId: req.taskId,
            requiredLevel: Math.max(prev.requiredLevel, req.requiredLevel) as TaskLevel,
            weight: prev.weight === 'must-have' || req.weight === 'must-have' ? 'must-have' : 'nice-to-have',
          },
    );
  }

  const unmetMustHaves = openNeedsNearby
    .filter((n) => n.positionsLeft > 0)
    .map((n) => n.tasks.filter((t) => t.weight === 'must-have' && !meets(candidateLevels, t)));

  const steps: ValidationStep[] = [];
  for (const req of byTask.values()) {
    const current = reachedLevel(candidateLevels, req.taskId);
    if (current !== null && current >= req.requiredLevel) continue;
    const after = Math.max(current ?? 0, req.requiredLevel);
    let opens = 0;
    for (const unmet of unmetMustHaves) {
      if (unmet.length > 0 && unmet.every((t) => t.taskId === req.taskId && after >= t.requiredLevel)) opens += 1;
    }
    steps.push({
      taskId: req.taskId,
      requiredLevel: req.requiredLevel,
      currentLevel: current,
      weight: req.weight,
      opensNeeds: opens,
    });
  }

  return steps.sort(
    (a, b) => b.opensNeeds - a.opensNeeds || rank(a.weight) - rank(b.weight) || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0),
  );
}

function meets(levels: Readonly<Record<string, TaskLevel>>, req: TaskRequirement): boolean {
  const reached = reachedLevel(levels, req.taskId);
  return reached !== null && reached >= req.requiredLevel;
}

function rank(weight: TaskWeight): number {
  return weight === 'must-have' ? 0 : 1;
}
