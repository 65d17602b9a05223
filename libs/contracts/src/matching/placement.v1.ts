import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsUUID, Matches, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { DATE, PLACEMENT_TYPES, PlacementType } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

export class SupportMeasuresV1 {
  @IsBoolean() supervisor!: boolean;
  @IsBoolean() languageSupport!: boolean;
  @IsBoolean() studyCounselling!: boolean;
}

export class PlacementStartedV1Payload {
  @IsUUID() placementId!: string;
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @IsUUID() employerId!: string;
  @IsIn(PLACEMENT_TYPES) placementType!: PlacementType;
  @Matches(DATE) startDate!: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SupportMeasuresV1) support!: SupportMeasuresV1;
}

export const PlacementStartedV1 = defineContract({
  type: 'PlacementStarted',
  version: 1,
  topic: Topics.placements,
  payload: PlacementStartedV1Payload,
  key: 'placementId',
});

export const PLACEMENT_OUTCOMES = ['employed', 'continued-studies', 'completed-no-job', 'interrupted'] as const;
export type PlacementOutcome = (typeof PLACEMENT_OUTCOMES)[number];

export class PlacementEndedV1Payload {
  @IsUUID() placementId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @Matches(DATE) endDate!: string;
  @IsIn(PLACEMENT_OUTCOMES) outcome!: PlacementOutcome;
}

export const PlacementEndedV1 = defineContract({
  type: 'PlacementEnded',
  version: 1,
  topic: Topics.placements,
  payload: PlacementEndedV1Payload,
  key: 'placementId',
});

export const FOLLOW_UP_CHECKPOINTS = [30, 90, 180] as const;
export const FOLLOW_UP_STATUSES = ['in-work', 'in-studies', 'other'] as const;

export class FollowUpRecordedV1Payload {
  @IsUUID() placementId!: string;
  @IsUUID() candidateId!: string;
  @IsIn(FOLLOW_UP_CHECKPOINTS) checkpointDays!: (typeof FOLLOW_UP_CHECKPOINTS)[number];
  @IsIn(FOLLOW_UP_STATUSES) status!: (typeof FOLLOW_UP_STATUSES)[number];
  @Matches(DATE) recordedOn!: string;
}

export const FollowUpRecordedV1 = defineContract({
  type: 'FollowUpRecorded',
  version: 1,
  topic: Topics.placements,
  payload: FollowUpRecordedV1Payload,
  key: 'placementId',
});
