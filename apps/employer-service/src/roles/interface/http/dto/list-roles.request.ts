import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageRequest } from '../../../../common/interface/http/page.request';
import { ROLE_KINDS, RoleKind } from '../../../domain/role';

export class ListRolesRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Only standard roles or only composed roles.', enum: ROLE_KINDS })
  @IsOptional()
  @IsIn(ROLE_KINDS)
  kind?: RoleKind;

  @ApiPropertyOptional({ description: 'Only roles composed by this employer.', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ description: 'Only roles whose latest version draws on this occupation (SSYK code).', pattern: '^\\d{4}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}$/, { message: 'occupation must be a four-digit SSYK code' })
  occupation?: string;
}

export class RoleVersionParams {
  @ApiProperty({ description: 'Role id.', format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ description: 'Version number, from 1.', minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}
