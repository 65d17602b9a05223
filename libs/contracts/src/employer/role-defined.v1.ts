import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SSYK, TaskRequirementV1 } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

/** A role version's full content: RoleDefined carries version 1, RoleVersioned every later version. */
export class RoleVersionV1Payload {
  @IsUUID() roleId!: string;
  @IsInt() @Min(1) version!: number;
  /** The employer that composed it; absent for a standard role taken from an occupation. */
  @IsOptional() @IsUUID() employerId?: string;
  @IsString() @MaxLength(120) name!: string;
  @IsIn(['standard', 'composed']) kind!: 'standard' | 'composed';
  @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(SSYK, { each: true }) occupations!: string[];
  @ArrayMinSize(1) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => TaskRequirementV1) tasks!: TaskRequirementV1[];
  @IsString() @MaxLength(20) taxonomyVersion!: string;
}

export const RoleDefinedV1 = defineContract({
  type: 'RoleDefined',
  version: 1,
  topic: Topics.roles,
  payload: RoleVersionV1Payload,
  key: 'roleId',
});
export const RoleVersionedV1 = defineContract({
  type: 'RoleVersioned',
  version: 1,
  topic: Topics.roles,
  payload: RoleVersionV1Payload,
  key: 'roleId',
});
