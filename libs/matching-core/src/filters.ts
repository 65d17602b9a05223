import { dayNumber } from './dates';
import { reachedLevel } from './task-levels';
import type { CandidateForMatching, NeedForMatching } from './types';

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

/**
 * The rules a proposal must pass before it is scored. A start date already in the past means "as soon as possible",
 * so the candidate must then be available by today rather than by a date that cannot be met by anyone.
 */
export function checkHardFilters(candidate: CandidateForMatching, need: NeedForMatching, ctx: HardFilterContext): HardFilterResult {
  const failures: HardFilterFailure[] = [];
  const fail = (code: HardFilterCode, detail: string): void => {
    failures.push({ code, detail });
  };

  if (need.status !== 'open') fail('NEED_NOT_OPEN', `need ${need.needId} is ${need.status}`);
  if (!(need.positionsLeft > 0)) fail('NO_POSITIONS_LEFT', `need ${need.needId} has no positions left`);

  const start = Math.max(dayNumber(need.startDate, 'need.startDate'), dayNumber(ctx.today, 'today'));
  if (dayNumber(candidate.availableFrom, 'candidate.availableFrom') > start) {
    fail(
      'NOT_AVAILABLE_BY_START',
      `available from ${candidate.availableFrom}, need starts ${need.startDate > ctx.today ? need.startDate : ctx.today}`,
    );
  }

  const minutes = ctx.commuteMinutes(candidate.homeMunicipality, need.workplaceMunicipality);
  if (!Number.isFinite(minutes)) {
    fail('COMMUTE_TOO_LONG', `no known commute from ${candidate.homeMunicipality} to ${need.workplaceMunicipality}`);
  } else if (minutes > candidate.maxCommuteMinutes) {
    fail(
      'COMMUTE_TOO_LONG',
      `commute ${minutes} min from ${candidate.homeMunicipality} to ${need.workplaceMunicipality} exceeds ${candidate.maxCommuteMinutes} min`,
    );
  }

  if (!candidate.consentActive) fail('NO_CONSENT', 'consent to matching is not active');
  if (ctx.rejected) fail('REJECTED_BEFORE', `rejected before for need ${need.needId}`);

  for (const task of need.tasks) {
    if (task.weight !== 'must-have') continue;
    const reached = reachedLevel(candidate.validations, task.taskId);
    if (reached === null) {
      fail('MUST_HAVE_MISSING', `must-have task ${task.taskId} (level ${task.requiredLevel}) is not validated`);
    } else if (reached < task.requiredLevel) {
      fail('MUST_HAVE_BELOW_LEVEL', `must-have task ${task.taskId} requires level ${task.requiredLevel}, validated at ${reached}`);
    }
  }

  return { passed: failures.length === 0, failures };
}
