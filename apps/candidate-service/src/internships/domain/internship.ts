import { isKnownTask } from '@jobbspar/taxonomy';
import {
  AssessmentInFutureError,
  AssessmentOutsidePeriodError,
  InvalidLevelError,
  InvalidPeriodError,
  UnknownTaskError,
} from './internship.errors';

export type TaskLevel = 1 | 2 | 3;

/** A certified internship's period; dates are YYYY-MM-DD, which compare correctly as strings. */
export interface InternshipPeriod {
  readonly startDate: string;
  readonly endDate: string;
}

export function checkPeriod(period: InternshipPeriod): void {
  if (period.endDate < period.startDate) throw new InvalidPeriodError();
}

export interface AssessmentInput {
  readonly taskId: string;
  readonly level: number;
  readonly assessedOn: string;
}

/**
 * A supervisor assesses a known task at a level 1-3 on a day within the internship that has come: an assessment
 * dated after today describes work not yet done (`today` is Sweden's calendar day, YYYY-MM-DD).
 */
export function checkAssessment<A extends AssessmentInput>(
  period: InternshipPeriod,
  a: A,
  today: string,
): asserts a is A & { level: TaskLevel } {
  if (!isKnownTask(a.taskId)) throw new UnknownTaskError(a.taskId);
  if (!Number.isInteger(a.level) || a.level < 1 || a.level > 3) throw new InvalidLevelError(a.level);
  if (a.assessedOn < period.startDate || a.assessedOn > period.endDate) {
    throw new AssessmentOutsidePeriodError(a.assessedOn, period.startDate, period.endDate);
  }
  checkAssessedBy(a.assessedOn, today);
}

/** Also checked when certifying: an assessment stored before this rule, dated after today, waits for its day. */
export function checkAssessedBy(assessedOn: string, today: string): void {
  if (assessedOn > today) throw new AssessmentInFutureError(assessedOn, today);
}
