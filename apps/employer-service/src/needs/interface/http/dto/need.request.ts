import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_POSITIONS,
  MAX_SUPERVISOR_CAPACITY,
  NEED_CLOSE_REASONS,
  NeedCloseReason,
  PLACEMENT_TYPES,
  PlacementType,
} from '../../../domain/need';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function StartDate(): PropertyDecorator {
  const format = Matches(DAY, { message: 'startDate must be a calendar day YYYY-MM-DD' });
  const real = IsISO8601({ strict: true }, { message: 'startDate must be a real calendar day' });
  const text = IsString();
  return (target, key) => {
    text(target, key);
    format(target, key);
    real(target, key);
  };
}

export class SupportOfferedRequest {
  @ApiProperty({
    description: 'How many placed people a supervisor at the workplace can support closely at once.',
    minimum: 0,
    maximum: MAX_SUPERVISOR_CAPACITY,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_SUPERVISOR_CAPACITY)
  supervisorCapacity!: number;

  @ApiProperty({ description: 'Whether two candidates may be placed together (parpraktik).' })
  @IsBoolean()
  pairInternshipAllowed!: boolean;

  @ApiProperty({ description: 'Whether vocational Swedish or other language support is offered at the workplace.' })
  @IsBoolean()
  languageSupport!: boolean;
}

export class PostNeedRequest {
  @ApiProperty({ description: 'The employer posting the need.', format: 'uuid' })
  @IsUUID()
  employerId!: string;

  @ApiProperty({ description: 'The role (standard or composed) the positions are for.', format: 'uuid' })
  @IsUUID()
  roleId!: string;

  @ApiPropertyOptional({
    description:
      "The role version to post with; the role's latest version when left out. The need keeps this version even if the role changes later.",
    minimum: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  roleVersion?: number;

  @ApiProperty({ description: `Number of positions, 1-${MAX_POSITIONS}.`, minimum: 1, maximum: MAX_POSITIONS })
  @IsInt()
  @Min(1)
  @Max(MAX_POSITIONS)
  positions!: number;

  @ApiProperty({
    description: 'Four-digit code (kommunkod) of the municipality where the work is done.',
    example: '1496',
    pattern: '^\\d{4}$',
  })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'workplaceMunicipality must be a four-digit municipality code' })
  workplaceMunicipality!: string;

  @ApiProperty({ description: 'First day of work, YYYY-MM-DD; today (in Sweden) or later.', example: '2030-01-15', format: 'date' })
  @StartDate()
  startDate!: string;

  @ApiProperty({ description: 'Internship (praktik), work training (arbetsträning) or employment (anställning).', enum: PLACEMENT_TYPES })
  @IsIn(PLACEMENT_TYPES)
  placementType!: PlacementType;

  @ApiProperty({ description: 'Support the workplace offers.', type: SupportOfferedRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => SupportOfferedRequest)
  support!: SupportOfferedRequest;

  @ApiPropertyOptional({
    description:
      'true (default): open the need now and publish NeedPosted. false: keep it as a draft, visible only here, until POST /needs/{id}/open.',
    default: true,
  })
  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}

export class UpdateNeedRequest {
  @ApiPropertyOptional({
    description: `New number of positions, 1-${MAX_POSITIONS}, more than those already filled.`,
    minimum: 1,
    maximum: MAX_POSITIONS,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_POSITIONS)
  positions?: number;

  @ApiPropertyOptional({ description: 'New first day of work, YYYY-MM-DD; today (in Sweden) or later.', format: 'date' })
  @IsOptional()
  @StartDate()
  startDate?: string;

  @ApiPropertyOptional({ description: 'New placement type.', enum: PLACEMENT_TYPES })
  @IsOptional()
  @IsIn(PLACEMENT_TYPES)
  placementType?: PlacementType;

  @ApiPropertyOptional({ description: 'The support offered, replaced as a whole (all three fields).', type: SupportOfferedRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SupportOfferedRequest)
  support?: SupportOfferedRequest;
}

export class CloseNeedRequest {
  @ApiPropertyOptional({
    description: 'Why the need is closed (a code, published in NeedClosed).',
    enum: NEED_CLOSE_REASONS,
    default: 'withdrawn',
  })
  @IsOptional()
  @IsIn(NEED_CLOSE_REASONS)
  reason?: NeedCloseReason;
}
