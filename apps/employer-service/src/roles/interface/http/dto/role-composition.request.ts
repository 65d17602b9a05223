import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_ID } from '@jobbspar/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ROLE_LIMITS, TASK_WEIGHTS } from '../../../domain/role-composition';
import type { TaskLevel, TaskWeight } from '@jobbspar/taxonomy';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class TaskRequirementRequest {
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

  @ApiProperty({ description: 'Whether the task is required (must-have) or a merit (nice-to-have).', enum: TASK_WEIGHTS })
  @IsIn(TASK_WEIGHTS)
  weight!: TaskWeight;
}

/** The content of a composed role: shared by creating it and by revising it. */
export class RoleContentRequest {
  @ApiProperty({
    description: 'Name of the role, e.g. Serviceassistent.',
    example: 'Serviceassistent i skola',
    maxLength: ROLE_LIMITS.name,
  })
  @trim
  @IsString()
  @IsNotEmpty()
  @MaxLength(ROLE_LIMITS.name)
  name!: string;

  @ApiProperty({
    description: `The tasks, 1-${ROLE_LIMITS.tasks}, each at most once, at least one a must-have.`,
    type: [TaskRequirementRequest],
    minItems: 1,
    maxItems: ROLE_LIMITS.tasks,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLE_LIMITS.tasks)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TaskRequirementRequest)
  tasks!: TaskRequirementRequest[];

  @ApiPropertyOptional({
    description:
      'SSYK codes of the occupations the tasks are split off from. Every task must belong to one of them and each must contribute a task. When left out, each task counts for the occupation it is most typical of.',
    type: [String],
    example: ['9412', '9111', '5311'],
    maxItems: ROLE_LIMITS.occupations,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLE_LIMITS.occupations)
  @IsString({ each: true })
  @Matches(/^\d{4}$/, { each: true, message: 'each value in occupations must be a four-digit SSYK code' })
  occupations?: string[];
}

export class ComposeRoleRequest extends RoleContentRequest {
  @ApiProperty({ description: 'The municipality (employer with isMunicipality) whose HR composes the role.', format: 'uuid' })
  @IsUUID()
  employerId!: string;
}

export class ReviseRoleRequest extends RoleContentRequest {}

export class DefineStandardRoleRequest {
  @ApiProperty({ description: 'SSYK 2012 code of the occupation whose standard role to define.', example: '5321', pattern: '^\\d{4}$' })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'ssyk must be a four-digit SSYK code' })
  ssyk!: string;
}
