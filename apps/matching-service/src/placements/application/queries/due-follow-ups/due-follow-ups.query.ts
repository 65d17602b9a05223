import { Query } from '@nestjs/cqrs';
import type { Viewer } from '../../../../common/viewer';
import type { DueFollowUp } from '../../../domain/placement.repository';

export interface DueFollowUpView extends DueFollowUp {
  /** Fell due before today and is still not recorded. */
  overdue: boolean;
}

/** The follow-up worklist: checkpoints of the caller's placements not recorded, due within `withinDays` or overdue. */
export class DueFollowUpsQuery extends Query<{ items: DueFollowUpView[]; today: string; until: string }> {
  constructor(
    readonly viewer: Viewer,
    readonly withinDays: number,
    readonly limit: number,
  ) {
    super();
  }
}
