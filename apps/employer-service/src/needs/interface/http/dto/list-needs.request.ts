import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageRequest, QueryBoolean } from '../../../../common/interface/http/page.request';
import { NEED_STATUSES, NeedStatus, PLACEMENT_TYPES, PlacementType } from '../../../domain/need';

export class ListNeedsRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Only needs with the workplace in this municipality (four-digit code).', pattern: '^\\d{4}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}$/, { message: 'municipality must be a four-digit municipality code' })
  municipality?: string;

  @ApiPropertyOptional({ description: 'Only needs with the workplace in this county (two-digit code).', pattern: '^\\d{2}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}$/, { message: 'county must be a two-digit county code' })
  county?: string;

  @ApiPropertyOptional({ description: 'Only needs whose role draws on this occupation (SSYK code).', pattern: '^\\d{4}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}$/, { message: 'occupation must be a four-digit SSYK code' })
  occupation?: string;

  @ApiPropertyOptional({
    description: 'Only needs in a shortage occupation in their county (true), or all (false, default).',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @QueryBoolean()
  shortageOnly?: boolean;

  @ApiPropertyOptional({
    description: 'Only needs with this status (default open: the needs a candidate can be placed in); any for every status.',
    enum: [...NEED_STATUSES, 'any'],
  })
  @IsOptional()
  @IsIn([...NEED_STATUSES, 'any'])
  status?: NeedStatus | 'any';

  @ApiPropertyOptional({ description: 'Only needs of this placement type.', enum: PLACEMENT_TYPES })
  @IsOptional()
  @IsIn(PLACEMENT_TYPES)
  placementType?: PlacementType;

  @ApiPropertyOptional({ description: "Only this employer's needs.", format: 'uuid' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ description: 'Only needs for this role (any version).', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roleId?: string;

  @ApiPropertyOptional({
    description:
      'Only needs whose role name or employer name contains this text (case-insensitive, 2 to 100 characters): how a chooser finds one need among hundreds.',
    minLength: 2,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(2, 100, { message: 'q must be 2 to 100 characters' })
  q?: string;
}
