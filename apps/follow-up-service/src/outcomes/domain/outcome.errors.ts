import { FollowUpError } from '../../follow-up.errors';

/** A month is published only once closed and its follow-ups' grace has passed; before that its figures still move. */
export class MonthNotReleasedError extends FollowUpError<'MONTH_NOT_RELEASED'> {
  readonly code = 'MONTH_NOT_RELEASED';
  constructor(month: string, releaseDay: string) {
    super(`month: ${month} is released on ${releaseDay}, once it has closed and its follow-ups had time to be recorded`, {
      field: 'month',
      month,
      releaseDay,
    });
  }
}
