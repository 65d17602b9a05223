import { FollowUpError } from '../../follow-up.errors';

export class GoalNotFoundError extends FollowUpError<'GOAL_NOT_FOUND'> {
  readonly code = 'GOAL_NOT_FOUND';
  constructor(goalId: string) {
    super(`id: no goal with id ${goalId} in this region`, { field: 'id', goalId });
  }
}

/** A goal or figure that is well-formed but cannot be meant (a municipality of another county, a month after today). */
export class InvalidGoalError extends FollowUpError<'INVALID_GOAL'> {
  readonly code = 'INVALID_GOAL';
  constructor(field: string, why: string) {
    super(`${field}: ${why}`, { field });
  }
}

/** One or more rows of a set of figures (form or CSV) are wrong; nothing of the set was stored. */
export class InvalidFiguresError extends FollowUpError<'INVALID_FIGURES'> {
  readonly code = 'INVALID_FIGURES';
  constructor(readonly problems: readonly { line: number; field: string; message: string }[]) {
    super(
      problems
        .slice(0, 20)
        .map((p) => `line ${p.line}, ${p.field}: ${p.message}`)
        .join('; ') + (problems.length > 20 ? `; and ${problems.length - 20} more` : ''),
      { problems: problems.slice(0, 100) },
    );
  }
}
