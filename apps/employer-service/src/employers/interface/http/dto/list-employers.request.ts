import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PageRequest, QueryBoolean } from '../../../../common/interface/http/page.request';

export class ListEmployersRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'Only employers registered in this municipality (four-digit code).', pattern: '^\\d{4}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}$/, { message: 'municipality must be a four-digit municipality code' })
  municipality?: string;

  @ApiPropertyOptional({ description: 'Only employers in this county (two-digit code).', pattern: '^\\d{2}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}$/, { message: 'county must be a two-digit county code' })
  county?: string;

  @ApiPropertyOptional({ description: 'Only municipalities (true) or only other employers (false).', enum: ['true', 'false'] })
  @IsOptional()
  @QueryBoolean()
  isMunicipality?: boolean;
}
