import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
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
import {
  DATE,
  IsCountyCode,
  IsMunicipalityCode,
  NEED_STATUSES,
  NeedStatus,
  PLACEMENT_TYPES,
  PlacementType,
  SSYK,
  SupportOfferedV1,
  TaskRequirementV1,
} from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

/**
 * A need's full state (event-carried state transfer). NeedPosted and NeedUpdated carry the same snapshot, with the
 * role version's task requirements frozen into it, so a consumer never has to join events that may arrive out of
 * order; `revision` orders snapshots of one need.
 */
export class NeedSnapshotV1Payload {
  @IsUUID() needId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsUUID() employerId!: string;
  @IsUUID() roleId!: string;
  @IsInt() @Min(1) roleVersion!: number;
  @IsString() @MaxLength(120) roleName!: string;
  @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(SSYK, { each: true }) occupations!: string[];
  @ArrayMinSize(1) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => TaskRequirementV1) tasks!: TaskRequirementV1[];
  @IsInt() @Min(1) @Max(1000) positions!: number;
  @IsInt() @Min(0) @Max(1000) positionsFilled!: number;
  @IsMunicipalityCode() workplaceMunicipality!: string;
  @IsCountyCode() countyCode!: string;
  @Matches(DATE) startDate!: string;
  @IsIn(PLACEMENT_TYPES) placementType!: PlacementType;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SupportOfferedV1) support!: SupportOfferedV1;
  @IsIn(NEED_STATUSES) status!: NeedStatus;
  /** Whether the role's occupations are in shortage in the workplace's county, per the taxonomy at posting time. */
  @IsBoolean() shortage!: boolean;
}

export const NeedPostedV1 = defineContract({
  type: 'NeedPosted',
  version: 1,
  topic: Topics.needs,
  payload: NeedSnapshotV1Payload,
  key: 'needId',
});
export const NeedUpdatedV1 = defineContract({
  type: 'NeedUpdated',
  version: 1,
  topic: Topics.needs,
  payload: NeedSnapshotV1Payload,
  key: 'needId',
});

export class NeedClosedV1Payload {
  @IsUUID() needId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsIn(['closed', 'filled']) status!: 'closed' | 'filled';
  @IsString() @MaxLength(40) reason!: string;
}

export const NeedClosedV1 = defineContract({
  type: 'NeedClosed',
  version: 1,
  topic: Topics.needs,
  payload: NeedClosedV1Payload,
  key: 'needId',
});
