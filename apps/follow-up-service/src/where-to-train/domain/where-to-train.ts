import { nextValidationSteps, type TaskLevel, type TaskRequirement } from '@jobbspar/matching-core';
import { commute, getTask } from '@jobbspar/taxonomy';

export interface OpenNeed {
  readonly needId: string;
  readonly municipality: string;
  readonly positionsLeft: number;
  readonly tasks: readonly TaskRequirement[];
}

export interface Jobseeker {
  readonly candidateId: string;
  readonly municipality: string;
  readonly maxCommuteMinutes: number;
  readonly levels: Readonly<Record<string, TaskLevel>>;
}

export interface TrainingNeed {
  readonly taskId: string;
  readonly name: string;
  readonly occupations: readonly string[];
  /** What the task asks of her Swedish, for vocational Swedish (yrkessvenska) in the adult-education plan. */
  readonly languageDemand: string | null;
  /** Open needs that ask for the task as a must-have, and their open positions. */
  readonly needsAsking: number;
  readonly positionsAsking: number;
  /** Candidates within commute of such a need who lack the task at the level it asks. */
  readonly candidatesLacking: number;
  /** Of those, the ones for whom it is the last must-have missing for some need nearby: one step away. */
  readonly candidatesOneStepAway: number;
  /** Positions that would open if those one step away validated it: per need, at most its open positions. */
  readonly positionsThatWouldOpen: number;
}

/**
 * The job-track logic of matching-core (which validation step opens which need nearby), aggregated over a region's
 * candidates: for each task open needs ask for, how many within commute lack it, how many are one step away, and
 * how many positions those would open. Only consenting candidates count; the commute filter is the one matching uses.
 */
export function whereToTrain(needs: readonly OpenNeed[], people: readonly Jobseeker[]): TrainingNeed[] {
  const byTask = new Map<string, { needs: Set<string>; positions: number; lacking: Set<string>; oneStep: Set<string>; opens: number }>();
  const entry = (taskId: string) => {
    let e = byTask.get(taskId);
    if (!e) byTask.set(taskId, (e = { needs: new Set(), positions: 0, lacking: new Set(), oneStep: new Set(), opens: 0 }));
    return e;
  };
  for (const need of needs) {
    if (need.positionsLeft <= 0) continue;
    const mustHaves = need.tasks.filter((t) => t.weight === 'must-have');
    for (const t of mustHaves) {
      const e = entry(t.taskId);
      e.needs.add(need.needId);
      e.positions += need.positionsLeft;
    }
    const oneStepHere = new Map<string, number>();
    for (const person of people) {
      if (commute(person.municipality, need.municipality).minutes > person.maxCommuteMinutes) continue;
      const steps = nextValidationSteps(person.levels, mustHaves, [need]);
      for (const step of steps) entry(step.taskId).lacking.add(person.candidateId);
      for (const step of steps.filter((s) => s.opensNeeds > 0)) {
        entry(step.taskId).oneStep.add(person.candidateId);
        oneStepHere.set(step.taskId, (oneStepHere.get(step.taskId) ?? 0) + 1);
      }
    }
    for (const [taskId, count] of oneStepHere) entry(taskId).opens += Math.min(count, need.positionsLeft);
  }
  return [...byTask.entries()].map(([taskId, e]) => {
    const task = getTask(taskId);
    return {
      taskId,
      name: task?.nameSv ?? taskId,
      occupations: task?.occupations ?? [],
      languageDemand: task?.languageDemand ? `${task.languageDemand.kind}: ${task.languageDemand.description}` : null,
      needsAsking: e.needs.size,
      positionsAsking: e.positions,
      candidatesLacking: e.lacking.size,
      candidatesOneStepAway: e.oneStep.size,
      positionsThatWouldOpen: e.opens,
    };
  });
}
