import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Reusable payload parts. Published contract versions reference these; changing one means a new version. */
export const SSYK = /^\d{4}$/;
export const MUNICIPALITY_CODE = /^\d{4}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TASK_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export const TASK_WEIGHTS = ['must-have', 'nice-to-have'] as const;
export type TaskWeight = (typeof TASK_WEIGHTS)[number];
export type TaskLevel = 1 | 2 | 3;

export class TaskRequirementV1 {
  @IsString() @Matches(TASK_ID) @MaxLength(80) taskId!: string;
  @IsInt() @Min(1) @Max(3) requiredLevel!: TaskLevel;
  @IsIn(TASK_WEIGHTS) weight!: TaskWeight;
}

export class SupportOfferedV1 {
  /** How many placed people a supervisor at the workplace can support closely at once. */
  @IsInt() @Min(0) @Max(100) supervisorCapacity!: number;
  @IsBoolean() pairInternshipAllowed!: boolean;
  @IsBoolean() languageSupport!: boolean;
}

export class SupportNeedsV1 {
  @IsBoolean() closeSupervision!: boolean;
  @IsBoolean() languageSupport!: boolean;
}

export const PLACEMENT_TYPES = ['internship', 'work-training', 'employment'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const NEED_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export { Type };
