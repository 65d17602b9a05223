import { dayNumber } from './dates';
import { reachedLevel } from './task-levels';
import type { CandidateForMatching, NeedForMatching, TaskLevel, TaskWeight } from './types';
import { SCORING_FACTORS, validateWeights, type ScoringFactor, type ScoringWeights } from './weights';

/** A must-have task counts twice as much as a nice-to-have one towards task coverage. */
export const TASK_WEIGHT: Readonly<Record<TaskWeight, number>> = Object.freeze({ 'must-have': 2, 'nice-to-have': 1 });

/** Waiting time stops adding priority after two years: by then everyone waiting is "furthest from work". */
export const WAITING_SATURATION_DAYS = 730;

export interface FactorExplanation {
  readonly factor: ScoringFactor;
  /** Points this factor can give (the weight from the weights version). */
  readonly weight: number;
  /** 0..1: how much of the factor the pair achieves. */
  readonly value: number;
  /** Points given, to the cent; the contributions add up to the score exactly (in cents). */
  readonly contribution: number;
  readonly detail: string;
}

export interface TaskCovered {
  readonly taskId: string;
  readonly required: TaskLevel;
  readonly reached: TaskLevel;
  readonly weight: TaskWeight;
}

export interface TaskMissing {
  readonly taskId: string;
  readonly required: TaskLevel;
  /** null: not validated at all; otherwise validated below the required level. */
  readonly reached: TaskLevel | null;
  readonly weight: TaskWeight;
}

export interface Explanation {
  /** 0..100 with two decimals. */
  readonly score: number;
  readonly weightsVersion: string;
  readonly factors: readonly FactorExplanation[];
  readonly tasksCovered: readonly TaskCovered[];
  readonly tasksMissing: readonly TaskMissing[];
}

export interface ScoreContext {
  /** YYYY-MM-DD */
  readonly today: string;
}

interface FactorValue {
  readonly value: number;
  readonly detail: string;
}

/**
 * Scores a candidate for a need: each factor gives `weight × value` points. The result depends only on the
 * fields of the two matching types and the weights; hard filters are a separate step (`checkHardFilters`).
 */
export function scoreCandidate(
  candidate: CandidateForMatching,
  need: NeedForMatching,
  weights: ScoringWeights,
  ctx: ScoreContext,
): Explanation {
  validateWeights(weights);
  const coverage = taskCoverage(candidate, need);
  const values: Record<ScoringFactor, FactorValue> = {
    taskCoverage: coverage,
    interests: interests(candidate, need),
    shortage: need.shortage ? { value: 1, detail: 'shortage occupation' } : { value: 0, detail: 'not a shortage occupation' },
    waiting: waiting(candidate, ctx.today),
    supportFit: supportFit(candidate, need),
  };

  const raw = SCORING_FACTORS.map((f) => weights[f] * values[f].value);
  const cents = apportionCents(raw);
  const factors = SCORING_FACTORS.map((factor, i): FactorExplanation => ({
    factor,
    weight: weights[factor],
    value: values[factor].value,
    contribution: cents[i] / 100,
    detail: values[factor].detail,
  }));
  const totalCents = cents.reduce((a, b) => a + b, 0);
  return {
    score: totalCents / 100,
    weightsVersion: weights.version,
    factors,
    tasksCovered: coverage.covered,
    tasksMissing: coverage.missing,
  };
}

/**
 * `scoreCandidate(...).score` and nothing else: the same factor values from the same functions and the same
 * rounding, without the explanation's strings and lists. What the matching engine solves over, for every pair it
 * scores; the explanation is made only for the pairs that are shown (score.spec.ts holds the two equal).
 */
export function scoreOf(candidate: CandidateForMatching, need: NeedForMatching, weights: ScoringWeights, ctx: ScoreContext): number {
  validateWeights(weights);
  const sum =
    exactCents(weights.taskCoverage * coverageValue(candidate, need)) +
    exactCents(weights.interests * interestsValue(candidate, need)) +
    exactCents(weights.shortage * (need.shortage ? 1 : 0)) +
    exactCents(weights.waiting * waitingValue(waitingDays(candidate, ctx.today))) +
    exactCents(weights.supportFit * supportFitValue(candidate, need));
  // apportionCents hands out exactly the rounded sum of the factors' cents: the score is that sum.
  return Math.round(sum) / 100;
}

function taskCoverage(
  candidate: CandidateForMatching,
  need: NeedForMatching,
): FactorValue & { covered: TaskCovered[]; missing: TaskMissing[] } {
  const covered: TaskCovered[] = [];
  const missing: TaskMissing[] = [];
  for (const task of need.tasks) {
    const reached = reachedLevel(candidate.validations, task.taskId);
    if (reached !== null && reached >= task.requiredLevel) {
      covered.push({ taskId: task.taskId, required: task.requiredLevel, reached, weight: task.weight });
    } else {
      missing.push({ taskId: task.taskId, required: task.requiredLevel, reached, weight: task.weight });
    }
  }
  const value = coverageValue(candidate, need);
  if (need.tasks.length === 0) return { value, detail: 'the role lists no tasks', covered, missing };
  return { value, detail: `${covered.length} of ${need.tasks.length} tasks at the required level`, covered, missing };
}

/** Weighted share of the role's tasks reached (a level below the required one counts in part); 1 for no tasks. */
function coverageValue(candidate: CandidateForMatching, need: NeedForMatching): number {
  let achieved = 0;
  let possible = 0;
  for (const task of need.tasks) {
    const reached = reachedLevel(candidate.validations, task.taskId);
    const w = TASK_WEIGHT[task.weight];
    possible += w;
    if (reached !== null) achieved += w * Math.min(1, reached / task.requiredLevel);
  }
  return possible === 0 ? 1 : achieved / possible;
}

function interests(candidate: CandidateForMatching, need: NeedForMatching): FactorValue {
  const roleOccupations = [...new Set(need.occupations)];
  if (roleOccupations.length === 0) return { value: 0, detail: 'the role lists no occupations' };
  const wanted = new Set(candidate.interests);
  const shared = roleOccupations.filter((code) => wanted.has(code));
  return {
    value: interestsValue(candidate, need),
    detail:
      shared.length === 0
        ? 'no interest in the role’s occupations'
        : `interested in ${shared.join(', ')} of ${roleOccupations.length} role occupation(s)`,
  };
}

/** Share of the role's distinct occupations she is interested in; 0 for a role without occupations. */
function interestsValue(candidate: CandidateForMatching, need: NeedForMatching): number {
  const occupations = need.occupations;
  let distinct = 0;
  let shared = 0;
  for (let i = 0; i < occupations.length; i++) {
    if (occupations.indexOf(occupations[i]) !== i) continue;
    distinct++;
    if (candidate.interests.includes(occupations[i])) shared++;
  }
  return distinct === 0 ? 0 : shared / distinct;
}

function waiting(candidate: CandidateForMatching, today: string): FactorValue {
  const days = waitingDays(candidate, today);
  return { value: waitingValue(days), detail: `waiting ${days} day(s) since ${candidate.waitingSince}` };
}

function waitingDays(candidate: CandidateForMatching, today: string): number {
  return Math.max(0, dayNumber(today, 'today') - dayNumber(candidate.waitingSince, 'candidate.waitingSince'));
}

function waitingValue(days: number): number {
  return Math.min(1, days / WAITING_SATURATION_DAYS);
}

function supportFit(candidate: CandidateForMatching, need: NeedForMatching): FactorValue {
  const parts: { met: boolean; label: string }[] = [];
  if (candidate.supportNeeds.closeSupervision) {
    parts.push({ met: need.support.supervisorCapacity > 0, label: 'close supervision' });
  }
  if (candidate.supportNeeds.languageSupport) {
    parts.push({ met: need.support.languageSupport, label: 'language support' });
  }
  if (parts.length === 0) return { value: supportFitValue(candidate, need), detail: 'no support needed' };
  const met = parts.filter((p) => p.met);
  const unmet = parts.filter((p) => !p.met);
  const detail = [
    met.length > 0 ? `offered: ${met.map((p) => p.label).join(', ')}` : '',
    unmet.length > 0 ? `not offered: ${unmet.map((p) => p.label).join(', ')}` : '',
  ]
    .filter((s) => s !== '')
    .join('; ');
  return { value: supportFitValue(candidate, need), detail };
}

/** Share of the support she needs that the workplace offers; 1 if she needs none. */
function supportFitValue(candidate: CandidateForMatching, need: NeedForMatching): number {
  let parts = 0;
  let met = 0;
  if (candidate.supportNeeds.closeSupervision) {
    parts++;
    if (need.support.supervisorCapacity > 0) met++;
  }
  if (candidate.supportNeeds.languageSupport) {
    parts++;
    if (need.support.languageSupport) met++;
  }
  return parts === 0 ? 1 : met / parts;
}

/**
 * Rounds each factor's points to whole cents so that they add up to the rounded total exactly (largest remainder;
 * ties go to the earlier factor). An explanation whose parts do not sum to its score invites distrust.
 */
function apportionCents(raw: readonly number[]): number[] {
  const exact = raw.map(exactCents);
  const floors = exact.map(Math.floor);
  const target = Math.round(exact.reduce((a, b) => a + b, 0));
  let left = target - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - floors[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/** A factor's points in cents, float noise (e.g. 1234.9999999997) snapped before anything is floored or summed. */
function exactCents(points: number): number {
  return Math.round(points * 100 * 1e6) / 1e6;
}
