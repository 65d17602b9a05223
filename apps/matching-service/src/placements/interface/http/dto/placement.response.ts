import { ApiProperty } from '@nestjs/swagger';
import { FOLLOW_UP_CHECKPOINTS, FOLLOW_UP_STATUSES, PLACEMENT_OUTCOMES, PLACEMENT_TYPES } from '@jobbspar/contracts';
import { SupportMeasuresRequest } from './placement.request';

export class FollowUpResponse {
  @ApiProperty({ description: 'Checkpoint in days after the start', enum: FOLLOW_UP_CHECKPOINTS }) checkpointDays!: number;
  @ApiProperty({ description: 'Where she was at the checkpoint', enum: FOLLOW_UP_STATUSES }) status!: string;
  @ApiProperty({ description: 'When it was recorded (YYYY-MM-DD)' }) recordedOn!: string;
}

export interface NextFollowUpResponse {
  checkpointDays: number;
  dueOn: string;
}

export class PlacementResponse {
  @ApiProperty({ description: 'Placement id' }) placementId!: string;
  @ApiProperty({ description: 'The accepted proposal it came from' }) proposalId!: string;
  @ApiProperty({ description: 'Competence need' }) needId!: string;
  @ApiProperty({ description: 'Pseudonymous candidate id (a random id after erasure)' }) candidateId!: string;
  @ApiProperty({ description: 'Employer of the need' }) employerId!: string;
  @ApiProperty({ description: 'Placement type', enum: PLACEMENT_TYPES }) placementType!: string;
  @ApiProperty({ description: 'First day (YYYY-MM-DD)' }) startDate!: string;
  @ApiProperty({ description: 'Support measures', type: SupportMeasuresRequest }) support!: SupportMeasuresRequest;
  @ApiProperty({ description: 'started or ended', enum: ['started', 'ended'] }) status!: string;
  @ApiProperty({ description: 'Last day (YYYY-MM-DD)', type: String, nullable: true }) endDate!: string | null;
  @ApiProperty({ description: 'Outcome at the end', enum: PLACEMENT_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ description: 'Follow-up checkpoints recorded', type: [FollowUpResponse] }) followUps!: FollowUpResponse[];
  // An inline nullable object: a nullable $ref loses its null in OpenAPI 3.0 (siblings of $ref are ignored).
  @ApiProperty({
    description: 'The earliest checkpoint not recorded yet and when it falls due; null once all are recorded',
    type: 'object',
    nullable: true,
    required: ['checkpointDays', 'dueOn'],
    properties: {
      checkpointDays: { type: 'integer', enum: [...FOLLOW_UP_CHECKPOINTS], description: 'Checkpoint in days after the start' },
      dueOn: { type: 'string', description: 'The day it falls due (YYYY-MM-DD): the start plus the checkpoint days' },
    },
  })
  nextFollowUp!: NextFollowUpResponse | null;
}

export class PlacementPageResponse {
  @ApiProperty({ description: 'Placements on this page, the latest start first', type: [PlacementResponse] }) items!: PlacementResponse[];
  @ApiProperty({ description: 'Matching placements in all pages' }) total!: number;
  @ApiProperty({ description: 'Page size used' }) limit!: number;
  @ApiProperty({ description: 'Rows skipped' }) offset!: number;
}

export class DueFollowUpResponse {
  @ApiProperty({ description: 'Placement id' }) placementId!: string;
  @ApiProperty({ description: 'Competence need' }) needId!: string;
  @ApiProperty({ description: 'Pseudonymous candidate id' }) candidateId!: string;
  @ApiProperty({ description: 'Employer of the need' }) employerId!: string;
  @ApiProperty({ description: 'First day of the placement (YYYY-MM-DD)' }) startDate!: string;
  @ApiProperty({ description: 'Checkpoint in days after the start', enum: FOLLOW_UP_CHECKPOINTS }) checkpointDays!: number;
  @ApiProperty({ description: 'The day it falls (or fell) due (YYYY-MM-DD)' }) dueOn!: string;
  @ApiProperty({ description: 'Due before today and still not recorded' }) overdue!: boolean;
}

export class DueFollowUpsResponse {
  @ApiProperty({
    description: 'Checkpoints not recorded, due up to `until` (overdue ones included), earliest first',
    type: [DueFollowUpResponse],
  })
  items!: DueFollowUpResponse[];
  @ApiProperty({ description: "Today's date in Sweden (YYYY-MM-DD)" }) today!: string;
  @ApiProperty({ description: 'The last day looked at (YYYY-MM-DD): today plus withinDays' }) until!: string;
}
