import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_ID } from '@jobbspar/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { TaskLevel, TaskWeight } from '@jobbspar/matching-core';

/** As many tasks as a role may have (employer-service's limit). */
export const MAX_PREVIEW_TASKS = 60;
const WEIGHTS: readonly TaskWeight[] = ['must-have', 'nice-to-have'];

export class PreviewTaskRequest {
  @ApiProperty({ description: 'Task id from the taxonomy (GET /taxonomy/tasks).', example: 'kitchen.serve-school-lunch', maxLength: 80 })
  @IsString()
  @MaxLength(80)
  @Matches(TASK_ID, { message: 'taskId must be a task id such as kitchen.serve-school-lunch' })
  taskId!: string;

  @ApiProperty({ description: 'Level the role requires: 1 with support, 2 independently, 3 can instruct others.', enum: [1, 2, 3] })
  @IsInt()
  @Min(1)
  @Max(3)
  requiredLevel!: TaskLevel;

  @ApiProperty({ description: 'Whether the task is required (must-have) or a merit (nice-to-have).', enum: WEIGHTS })
  @IsIn(WEIGHTS)
  weight!: TaskWeight;
}

/** A role being composed, not posted: its tasks and where it would be. */
export class SupplyPreviewRequest {
  @ApiProperty({ description: 'Municipality code of the workplace the role would be at.', example: '1496', pattern: '^\\d{4}$' })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'workplaceMunicipality must be a four-digit municipality code' })
  workplaceMunicipality!: string;

  @ApiPropertyOptional({
    description:
      'First day (YYYY-MM-DD) the role would start: only candidates available by then count. Left out: availability is not asked.',
    example: '2027-01-11',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a valid calendar date' })
  startDate?: string | null;

  @ApiProperty({
    description: `The tasks chosen so far, 1-${MAX_PREVIEW_TASKS}, each at most once.`,
    type: [PreviewTaskRequest],
    minItems: 1,
    maxItems: MAX_PREVIEW_TASKS,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PREVIEW_TASKS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PreviewTaskRequest)
  tasks!: PreviewTaskRequest[];
}
