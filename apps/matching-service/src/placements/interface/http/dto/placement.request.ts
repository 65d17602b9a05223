import { ApiProperty } from '@nestjs/swagger';
import { FOLLOW_UP_CHECKPOINTS, FOLLOW_UP_STATUSES, PLACEMENT_OUTCOMES, PlacementOutcome } from '@jobbspar/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsUUID, Matches, ValidateNested } from 'class-validator';
import type { FollowUpCheckpoint, FollowUpStatus } from '../../../domain/placement';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PlacementIdParam {
  @ApiProperty({ description: 'Placement id (UUID)' })
  @IsUUID()
  id!: string;
}

export class SupportMeasuresRequest {
  @ApiProperty({ description: 'A supervisor at the workplace supports her' }) @IsBoolean() supervisor!: boolean;
  @ApiProperty({ description: 'Vocational Swedish / language support at the workplace' }) @IsBoolean() languageSupport!: boolean;
  @ApiProperty({ description: 'Study counselling alongside the placement' }) @IsBoolean() studyCounselling!: boolean;
}

export class StartPlacementRequest {
  @ApiProperty({ description: 'First day of the placement (YYYY-MM-DD)', example: '2026-12-01' })
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a valid calendar date' })
  startDate!: string;

  @ApiProperty({ description: 'Support measures attached to the placement', type: SupportMeasuresRequest })
  @ValidateNested()
  @Type(() => SupportMeasuresRequest)
  support!: SupportMeasuresRequest;
}

export class EndPlacementRequest {
  @ApiProperty({ description: 'Last day of the placement (YYYY-MM-DD), not before its start' })
  @Matches(DATE, { message: 'endDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endDate must be a valid calendar date' })
  endDate!: string;

  @ApiProperty({ description: 'How the placement ended', enum: PLACEMENT_OUTCOMES })
  @IsIn(PLACEMENT_OUTCOMES)
  outcome!: PlacementOutcome;
}

export class FollowUpRequest {
  @ApiProperty({ description: 'Days after the start this checkpoint stands for', enum: FOLLOW_UP_CHECKPOINTS })
  @IsIn(FOLLOW_UP_CHECKPOINTS)
  checkpointDays!: FollowUpCheckpoint;

  @ApiProperty({ description: 'Where she is at the checkpoint', enum: FOLLOW_UP_STATUSES })
  @IsIn(FOLLOW_UP_STATUSES)
  status!: FollowUpStatus;
}
