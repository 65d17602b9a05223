import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';
import type { FollowUpCheckpoint, FollowUpStatus } from '../../../domain/placement';

export class RecordFollowUpCommand extends Command<void> {
  constructor(
    readonly placementId: string,
    readonly checkpointDays: FollowUpCheckpoint,
    readonly status: FollowUpStatus,
    readonly ctx: Cause,
  ) {
    super();
  }
}
