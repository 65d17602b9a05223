import { addMonths, monthIndex, monthsBetween } from '../../common/months';
import type { Figure } from './goal';

export type ProgressStatus = 'reached' | 'on-track' | 'behind' | 'no-figure-yet';

export interface Progress {
  readonly baseline: number;
  /** Baseline less the goal's reduction, e.g. half of it. */
  readonly target: number;
  readonly latestMonth: string;
  readonly latest: number;
  /** Where the straight path from the baseline to the target stands in the latest month. */
  readonly planned: number;
  readonly status: ProgressStatus;
  /** Average change per month since the baseline (negative when the figure falls). */
  readonly pacePerMonth: number | null;
  /** The month the target would be reached if the pace since the baseline went on; null if it never would. */
  readonly reachedByAtCurrentPace: string | null;
}

export interface GoalShape {
  readonly baselineMonth: string;
  readonly targetMonth: string;
  readonly reductionPercent: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The latest figure against the straight path from baseline to goal. "On track" means at or below the path in the
 * latest month; the pace is the average monthly change since the baseline, and the month the goal would be reached
 * is where that pace crosses the target.
 */
export function progressOf(goal: GoalShape, baseline: number, latest: Figure | undefined): Progress {
  const target = round1(baseline * (1 - goal.reductionPercent / 100));
  const span = monthsBetween(goal.baselineMonth, goal.targetMonth);
  if (!latest || monthIndex(latest.month) <= monthIndex(goal.baselineMonth)) {
    return {
      baseline,
      target,
      latestMonth: goal.baselineMonth,
      latest: baseline,
      planned: baseline,
      status: baseline <= target ? 'reached' : 'no-figure-yet',
      pacePerMonth: null,
      reachedByAtCurrentPace: baseline <= target ? goal.baselineMonth : null,
    };
  }
  const elapsed = monthsBetween(goal.baselineMonth, latest.month);
  const planned = round1(baseline + ((target - baseline) * Math.min(elapsed, span)) / span);
  const pace = (latest.value - baseline) / elapsed;
  let reachedBy: string | null = null;
  if (latest.value <= target) reachedBy = latest.month;
  else if (pace < 0) reachedBy = addMonths(latest.month, Math.ceil((latest.value - target) / -pace - 1e-9));
  return {
    baseline,
    target,
    latestMonth: latest.month,
    latest: latest.value,
    planned,
    status: latest.value <= target ? 'reached' : latest.value <= planned ? 'on-track' : 'behind',
    pacePerMonth: round1(pace),
    reachedByAtCurrentPace: reachedBy,
  };
}

export interface MunicipalityProgress extends Progress {
  readonly municipality: string;
}

/**
 * Per municipality (those with a baseline), and for the cooperation as a whole: the sum of the municipalities'
 * figures in the latest month every one of them has reported (a month with some missing would look like progress).
 */
export function goalProgress(
  goal: GoalShape,
  figures: readonly Figure[],
): { municipalities: MunicipalityProgress[]; cooperation: Progress & { municipalitiesCounted: number } } {
  const baselines = figures.filter((f) => f.month === goal.baselineMonth);
  const byMunicipality = new Map<string, Figure[]>();
  for (const f of figures) byMunicipality.set(f.municipality, [...(byMunicipality.get(f.municipality) ?? []), f]);
  const municipalities = baselines
    .map((b) => {
      const own = (byMunicipality.get(b.municipality) ?? []).sort((x, y) => monthIndex(y.month) - monthIndex(x.month));
      return { municipality: b.municipality, ...progressOf(goal, b.value, own[0]) };
    })
    .sort((a, b) => (a.municipality < b.municipality ? -1 : 1));
  const months = [...new Set(figures.map((f) => f.month))].sort((a, b) => monthIndex(b) - monthIndex(a));
  const complete = months.find((m) => baselines.every((b) => figures.some((f) => f.municipality === b.municipality && f.month === m)));
  const sumIn = (month: string): number =>
    figures.filter((f) => f.month === month && baselines.some((b) => b.municipality === f.municipality)).reduce((s, f) => s + f.value, 0);
  const baselineTotal = baselines.reduce((s, b) => s + b.value, 0);
  const cooperation = progressOf(
    goal,
    baselineTotal,
    complete ? { municipality: '*', month: complete, value: sumIn(complete) } : undefined,
  );
  return { municipalities, cooperation: { ...cooperation, municipalitiesCounted: baselines.length } };
}
