import { dayNumber } from './dates';
import { reachedLevel } from './task-levels';
import type { CandidateForMatching, NeedForMatching, NeedStatus, TaskLevel } from './types';

export type HardFilterCode =
  | 'NEED_NOT_OPEN'
  | 'NO_POSITIONS_LEFT'
  | 'NOT_AVAILABLE_BY_START'
  | 'COMMUTE_TOO_LONG'
  | 'NO_CONSENT'
  | 'REJECTED_BEFORE'
  | 'MUST_HAVE_MISSING'
  | 'MUST_HAVE_BELOW_LEVEL';

export interface HardFilterFailure {
  readonly code: HardFilterCode;
  readonly detail: string;
}

export interface HardFilterResult {
  readonly passed: boolean;
  /** Every failing rule, not only the first, so a coordinator sees all that stands in the way. */
  readonly failures: readonly HardFilterFailure[];
}

export interface HardFilterContext {
  /** YYYY-MM-DD */
  readonly today: string;
  /** Travel time between two municipalities; a non-finite answer (unknown route) counts as too long. */
  commuteMinutes(from: string, to: string): number;
  /** Whether a coordinator already rejected this candidate for this need. */
  readonly rejected: boolean;
}

/** One must-have task of the need: the level it requires and the level she reached (null: not validated). */
export interface MustHaveCheck {
  readonly passed: boolean;
  readonly taskId: string;
  readonly required: TaskLevel;
  readonly reached: TaskLevel | null;
}

/**
 * Every hard filter with its verdict and the values it compared: what a why / why-not answer shows. The verdicts are
 * the filters (checkHardFilters derives its failures from this), so an explanation cannot disagree with matching.
 */
export interface HardFilterChecklist {
  readonly passed: boolean;
  readonly needOpen: { readonly passed: boolean; readonly status: NeedStatus };
  readonly positionsLeft: { readonly passed: boolean; readonly positionsLeft: number };
  /** `startsOn`: the need's start date, or today if that is past ("as soon as possible"). */
  readonly availableByStart: { readonly passed: boolean; readonly availableFrom: string; readonly startsOn: string };
  /** `minutes` null: no known route between the two municipalities (counts as too long). */
  readonly commute: {
    readonly passed: boolean;
    readonly minutes: number | null;
    readonly maxMinutes: number;
    readonly from: string;
    readonly to: string;
  };
  readonly consent: { readonly passed: boolean };
  readonly notRejectedBefore: { readonly passed: boolean };
  readonly mustHaves: readonly MustHaveCheck[];
}

/**
 * The rules a proposal must pass before it is scored, each with its values. A start date already in the past means
 * "as soon as possible", so the candidate must then be available by today rather than by a date that cannot be met
 * by anyone.
 */
export function hardFilterChecklist(candidate: CandidateForMatching, need: NeedForMatching, ctx: HardFilterContext): HardFilterChecklist {
  const startsOn = need.startDate > ctx.today ? need.startDate : ctx.today;
  const start = Math.max(dayNumber(need.startDate, 'need.startDate'), dayNumber(ctx.today, 'today'));
  const minutes = ctx.commuteMinutes(candidate.homeMunicipality, need.workplaceMunicipality);
  const known = Number.isFinite(minutes);
  const mustHaves = need.tasks
    .filter((task) => task.weight === 'must-have')
    .map((task): MustHaveCheck => {
      const reached = reachedLevel(candidate.validations, task.taskId);
      return { passed: reached !== null && reached >= task.requiredLevel, taskId: task.taskId, required: task.requiredLevel, reached };
    });
  const checklist = {
    needOpen: { passed: need.status === 'open', status: need.status },
    positionsLeft: { passed: need.positionsLeft > 0, positionsLeft: need.positionsLeft },
    availableByStart: {
      passed: dayNumber(candidate.availableFrom, 'candidate.availableFrom') <= start,
      availableFrom: candidate.availableFrom,
      startsOn,
    },
    commute: {
      passed: known && minutes <= candidate.maxCommuteMinutes,
      minutes: known ? minutes : null,
      maxMinutes: candidate.maxCommuteMinutes,
      from: candidate.homeMunicipality,
      to: need.workplaceMunicipality,
    },
    consent: { passed: candidate.consentActive },
    notRejectedBefore: { passed: !ctx.rejected },
    mustHaves,
  };
  const passed =
    checklist.needOpen.passed &&
    checklist.positionsLeft.passed &&
    checklist.availableByStart.passed &&
    checklist.commute.passed &&
    checklist.consent.passed &&
    checklist.notRejectedBefore.passed &&
    mustHaves.every((m) => m.passed);
  return { passed, ...checklist };
}

/**
 * `checkHardFilters(...).passed` without the checklist and the failures in words: the engine asks it of every
 * candidate who holds one of a need's tasks, and most fail. The cheap rules are asked first; for dates that are
 * calendar dates (what the contracts let in) the answer is the same (filters.spec.ts holds the two equal).
 */
export function passesHardFilters(candidate: CandidateForMatching, need: NeedForMatching, ctx: HardFilterContext): boolean {
  if (!candidate.consentActive || ctx.rejected || need.status !== 'open' || !(need.positionsLeft > 0)) return false;
  for (const task of need.tasks) {
    if (task.weight !== 'must-have') continue;
    const reached = reachedLevel(candidate.validations, task.taskId);
    if (reached === null || reached < task.requiredLevel) return false;
  }
  const minutes = ctx.commuteMinutes(candidate.homeMunicipality, need.workplaceMunicipality);
  if (!(Number.isFinite(minutes) && minutes <= candidate.maxCommuteMinutes)) return false;
  const start = Math.max(dayNumber(need.startDate, 'need.startDate'), dayNumber(ctx.today, 'today'));
  return dayNumber(candidate.availableFrom, 'candidate.availableFrom') <= start;
}

/** The failing rules of the checklist, each in words. */
export function checkHardFilters(candidate: CandidateForMatching, need: NeedForMatching, ctx: HardFilterContext): HardFilterResult {
  const c = hardFilterChecklist(candidate, need, ctx);
  const failures: HardFilterFailure[] = [];
  const fail = (code: HardFilterCode, detail: string): void => {
    failures.push({ code, detail });
  };

  if (!c.needOpen.passed) fail('NEED_NOT_OPEN', `need ${need.needId} is ${need.status}`);
  if (!c.positionsLeft.passed) fail('NO_POSITIONS_LEFT', `need ${need.needId} has no positions left`);
  if (!c.availableByStart.passed) {
    fail('NOT_AVAILABLE_BY_START', `available from ${candidate.availableFrom}, need starts ${c.availableByStart.startsOn}`);
  }
  if (c.commute.minutes === null) {
    fail('COMMUTE_TOO_LONG', `no known commute from ${candidate.homeMunicipality} to ${need.workplaceMunicipality}`);
  } else if (!c.commute.passed) {
    fail(
      'COMMUTE_TOO_LONG',
      `commute ${c.commute.minutes} min from ${candidate.homeMunicipality} to ${need.workplaceMunicipality} exceeds ${candidate.maxCommuteMinutes} min`,
    );
  }
  if (!c.consent.passed) fail('NO_CONSENT', 'consent to matching is not active');
  if (!c.notRejectedBefore.passed) fail('REJECTED_BEFORE', `rejected before for need ${need.needId}`);
  for (const m of c.mustHaves) {
    if (m.reached === null) {
      fail('MUST_HAVE_MISSING', `must-have task ${m.taskId} (level ${m.required}) is not validated`);
    } else if (!m.passed) {
      fail('MUST_HAVE_BELOW_LEVEL', `must-have task ${m.taskId} requires level ${m.required}, validated at ${m.reached}`);
    }
  }
  return { passed: failures.length === 0, failures };
}
