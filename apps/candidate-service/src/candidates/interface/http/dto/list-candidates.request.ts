import { PageSize } from '@jobbspar/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ListCandidatesRequest {
  @ApiPropertyOptional({ description: 'Page number, from 1', default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @PageSize({ max: 100, default: 20, description: 'Candidates per page' })
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Only candidates living in this municipality (4-digit code)' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'homeMunicipality must be a 4-digit municipality code' })
  homeMunicipality?: string;
}

export class FollowUpStatisticsRequest {
  @ApiPropertyOptional({ description: 'Municipality (4-digit code); all candidates of the service when absent' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit municipality code' })
  municipality?: string;
}
