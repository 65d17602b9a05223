import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, IsOptional } from 'class-validator';

const SSYK = /^\d{4}$/;
const COUNTY = /^\d{2}$/;

export class TasksQuery {
  @ApiPropertyOptional({ description: 'Only the tasks of this occupation (SSYK code).', pattern: '^\\d{4}$' })
  @IsOptional()
  @IsString()
  @Matches(SSYK, { message: 'ssyk must be a four-digit SSYK code' })
  ssyk?: string;
}

export class MunicipalitiesQuery {
  @ApiPropertyOptional({ description: 'Only the municipalities of this county (two-digit code).', pattern: '^\\d{2}$' })
  @IsOptional()
  @IsString()
  @Matches(COUNTY, { message: 'county must be a two-digit county code' })
  county?: string;
}

export class ShortageQuery {
  @ApiProperty({ description: 'County (two-digit code) whose shortage occupations to show.', pattern: '^\\d{2}$' })
  @IsString()
  @Matches(COUNTY, { message: 'county must be a two-digit county code' })
  county!: string;
}

export class ShortageOverrideRequest {
  @ApiProperty({ description: 'County (two-digit code) the decision applies to.', example: '14', pattern: '^\\d{2}$' })
  @IsString()
  @Matches(COUNTY, { message: 'countyCode must be a two-digit county code' })
  countyCode!: string;

  @ApiProperty({ description: 'Occupation (SSYK code) the decision applies to.', example: '9412', pattern: '^\\d{4}$' })
  @IsString()
  @Matches(SSYK, { message: 'ssyk must be a four-digit SSYK code' })
  ssyk!: string;

  @ApiProperty({ description: 'Whether the occupation is in shortage in the county, replacing the taxonomy default.' })
  @IsBoolean()
  shortage!: boolean;
}

export class ShortageOverrideParams {
  @ApiProperty({ description: 'County (two-digit code).', pattern: '^\\d{2}$' })
  @IsString()
  @Matches(COUNTY, { message: 'countyCode must be a two-digit county code' })
  countyCode!: string;

  @ApiProperty({ description: 'Occupation (SSYK code).', pattern: '^\\d{4}$' })
  @IsString()
  @Matches(SSYK, { message: 'ssyk must be a four-digit SSYK code' })
  ssyk!: string;
}
