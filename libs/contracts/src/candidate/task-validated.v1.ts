import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DATE, IsNullable, TASK_ID, TaskLevel } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

/**
 * A certified assessment. `effectiveLevel` is the candidate's level on the task after this event (the highest
 * valid validation), so a consumer can apply it without knowing her history. No comment text: assessments' free
 * text stays in candidate-service.
 */
export class TaskValidatedV1Payload {
  @IsUUID() validationId!: string;
  @IsUUID() candidateId!: string;
  @IsString() @Matches(TASK_ID) @MaxLength(80) taskId!: string;
  @IsInt() @Min(1) @Max(3) level!: TaskLevel;
  @IsInt() @Min(1) @Max(3) effectiveLevel!: TaskLevel;
  @Matches(DATE) assessedOn!: string;
  /** The workplace (an employer id) where the task was performed. */
  @IsUUID() workplaceId!: string;
  @IsOptional() @IsUUID() supersedes?: string;
}

export const TaskValidatedV1 = defineContract({
  type: 'TaskValidated',
  version: 1,
  topic: Topics.candidates,
  payload: TaskValidatedV1Payload,
  key: 'candidateId',
});

export const REVOCATION_REASONS = ['assessment-error', 'wrong-candidate', 'fraud', 'other'] as const;

export class TaskValidationRevokedV1Payload {
  @IsUUID() validationId!: string;
  @IsUUID() candidateId!: string;
  @IsString() @Matches(TASK_ID) @MaxLength(80) taskId!: string;
  @IsIn(REVOCATION_REASONS) reason!: (typeof REVOCATION_REASONS)[number];
  /** Her level on the task once this validation no longer counts; null if none is left. */
  @IsNullable() @IsInt() @Min(1) @Max(3) effectiveLevel!: TaskLevel | null;
}

export const TaskValidationRevokedV1 = defineContract({
  type: 'TaskValidationRevoked',
  version: 1,
  topic: Topics.candidates,
  payload: TaskValidationRevokedV1Payload,
  key: 'candidateId',
});
