import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOffset, PageSize } from '@jobbspar/platform';
import { FOLLOW_UP_CHECKPOINTS, FOLLOW_UP_STATUSES, PLACEMENT_OUTCOMES, PlacementOutcome } from '@jobbspar/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
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

/** The employer's confirmation: when she starts and what support the workplace attaches. */
export class ConfirmProposalRequest {
  @ApiProperty({
    description: 'First day of the placement (YYYY-MM-DD), not before the day the coordinator accepted the proposal',
    example: '2026-12-01',
  })
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a valid calendar date' })
  startDate!: string;

  @ApiProperty({ description: 'Support measures attached to the placement', type: SupportMeasuresRequest })
  @IsDefined()
  @IsObject()
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

export class PlacementListQuery {
  @ApiPropertyOptional({ description: 'Only placements for this competence need (UUID)' })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({ description: 'Only placements at this employer (UUID)' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ description: "Only this candidate's placements (pseudonymous id, UUID)" })
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @ApiPropertyOptional({ description: 'Only placements under way (started) or ended', enum: ['started', 'ended'] })
  @IsOptional()
  @IsIn(['started', 'ended'])
  status?: 'started' | 'ended';

  @PageSize({ max: 200, default: 50, description: 'Placements per page' })
  limit?: number;

  @PageOffset({ max: 1_000_000, description: 'Rows to skip' })
  offset?: number;
}

export class DueFollowUpsQueryRequest {
  @ApiPropertyOptional({
    description: 'How many days ahead to look, 0..90 (default 14); overdue checkpoints are always listed',
    minimum: 0,
    maximum: 90,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(90)
  withinDays?: number;

  @PageSize({ max: 500, default: 200, description: 'Checkpoints at most, earliest due first' })
  limit?: number;
}
