import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

export class RegionParams {
  @ApiProperty({ description: 'The region (tenant): `se-<county code>`, e.g. `se-12` for Skåne', example: 'se-12' })
  @Matches(/^se-\d{2}$/, { message: 'region must be se-<two-digit county code>, e.g. se-12' })
  region!: string;
}

export class GoalParams extends RegionParams {
  @ApiProperty({ description: 'Goal id (UUID)' })
  @IsUUID()
  id!: string;
}

export class MonthQuery {
  @ApiProperty({ description: 'A released month, YYYY-MM', example: '2026-02' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ description: 'csv (semicolon-separated, UTF-8) or xlsx', enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class MonthExportQuery extends MonthQuery {
  @ApiPropertyOptional({ description: 'csv (semicolon-separated, UTF-8) or xlsx', enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
