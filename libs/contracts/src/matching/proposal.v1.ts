import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  IsDefined,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { DATE, IsNullable, TASK_ID, TASK_WEIGHTS, TaskLevel, TaskWeight } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

export const SCORE_FACTORS = ['taskCoverage', 'interests', 'shortage', 'waiting', 'supportFit'] as const;

export class ScoreFactorV1 {
  @IsIn(SCORE_FACTORS) factor!: (typeof SCORE_FACTORS)[number];
  @IsNumber() @Min(0) @Max(100) weight!: number;
  @IsNumber() @Min(0) @Max(1) value!: number;
  @IsNumber() @Min(0) @Max(100) contribution!: number;
  @IsString() @MaxLength(300) detail!: string;
}

export class TaskCoverageV1 {
  @Matches(TASK_ID) taskId!: string;
  @IsInt() @Min(1) @Max(3) required!: TaskLevel;
  @IsNullable() @IsInt() @Min(1) @Max(3) reached!: TaskLevel | null;
  @IsIn(TASK_WEIGHTS) weight!: TaskWeight;
}

export class ExplanationV1 {
  @IsNumber() @Min(0) @Max(100) score!: number;
  @IsString() @MaxLength(60) weightsVersion!: string;
  @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ScoreFactorV1) factors!: ScoreFactorV1[];
  @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => TaskCoverageV1) tasksCovered!: TaskCoverageV1[];
  @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => TaskCoverageV1) tasksMissing!: TaskCoverageV1[];
}

export class ProposalCreatedV1Payload {
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  /** Set when two candidates are proposed together for a pair internship. */
  @IsOptional() @IsUUID() pairId?: string;
  @IsNumber() @Min(0) @Max(100) score!: number;
  @IsString() @MaxLength(60) weightsVersion!: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ExplanationV1) explanation!: ExplanationV1;
}

export const ProposalCreatedV1 = defineContract({
  type: 'ProposalCreated',
  version: 1,
  topic: Topics.proposals,
  payload: ProposalCreatedV1Payload,
  key: 'proposalId',
});

/**
 * An open proposal's score or explanation changed while the assignment kept the pair (she certified more tasks, the
 * need's terms changed): the proposal now carries the current score. A proposed one is ordered by it in the review
 * queue; an accepted one keeps the score it was accepted with beside it (`status` says which).
 */
export class ProposalRescoredV1Payload {
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @IsIn(['proposed', 'accepted']) status!: 'proposed' | 'accepted';
  @IsNumber() @Min(0) @Max(100) score!: number;
  @IsNumber() @Min(0) @Max(100) previousScore!: number;
  @IsString() @MaxLength(60) weightsVersion!: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ExplanationV1) explanation!: ExplanationV1;
}

export const ProposalRescoredV1 = defineContract({
  type: 'ProposalRescored',
  version: 1,
  topic: Topics.proposals,
  payload: ProposalRescoredV1Payload,
  key: 'proposalId',
});

export const WITHDRAWAL_REASONS = [
  'need-closed',
  'need-changed',
  'consent-withdrawn',
  'candidate-erased',
  'no-longer-eligible',
  'reoptimised',
] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export class ProposalWithdrawnV1Payload {
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @IsIn(WITHDRAWAL_REASONS) reason!: WithdrawalReason;
}

export const ProposalWithdrawnV1 = defineContract({
  type: 'ProposalWithdrawn',
  version: 1,
  topic: Topics.proposals,
  payload: ProposalWithdrawnV1Payload,
  key: 'proposalId',
});

export const REJECTION_REASONS = [
  'task-level-insufficient',
  'commute-not-feasible',
  'availability-mismatch',
  'support-not-available',
  'candidate-declined',
  'employer-declined',
  'position-filled-otherwise',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The coordinator's free-text comment is kept in matching-service and never published. */
export class ProposalReviewedV1Payload {
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @IsIn(['accepted', 'rejected']) decision!: 'accepted' | 'rejected';
  @IsOptional() @IsIn(REJECTION_REASONS) reasonCode?: RejectionReason;
}

export const ProposalReviewedV1 = defineContract({
  type: 'ProposalReviewed',
  version: 1,
  topic: Topics.proposals,
  payload: ProposalReviewedV1Payload,
  key: 'proposalId',
});

/**
 * Why an employer declines a proposal the coordinator accepted, from a closed list (no free text: whatever she
 * would write about a person stays out of the events).
 */
export const DECLINE_REASONS = [
  'position-filled-otherwise',
  'tasks-not-covered',
  'support-not-available',
  'start-date-not-feasible',
  'need-changed',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * The employer of the need confirmed a proposal the coordinator had accepted: its placement starts (PlacementStarted
 * on matching.placements carries the placement; this closes the proposal's own lifecycle on its stream).
 */
export class ProposalConfirmedV1Payload {
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @IsUUID() placementId!: string;
  @Matches(DATE) startDate!: string;
}

export const ProposalConfirmedV1 = defineContract({
  type: 'ProposalConfirmed',
  version: 1,
  topic: Topics.proposals,
  payload: ProposalConfirmedV1Payload,
  key: 'proposalId',
});

/**
 * The employer of the need declined a proposal the coordinator had accepted. The pair is settled as a rejected one
 * is (never proposed again for this need); the need's and her slots are free for other proposals.
 */
export class ProposalDeclinedV1Payload {
  @IsUUID() proposalId!: string;
  @IsUUID() needId!: string;
  @IsUUID() candidateId!: string;
  @IsIn(DECLINE_REASONS) reasonCode!: DeclineReason;
}

export const ProposalDeclinedV1 = defineContract({
  type: 'ProposalDeclined',
  version: 1,
  topic: Topics.proposals,
  payload: ProposalDeclinedV1Payload,
  key: 'proposalId',
});
