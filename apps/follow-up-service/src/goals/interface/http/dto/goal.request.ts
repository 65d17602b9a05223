import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOffset, PageSize } from '@jobbspar/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class BaselineRequest {
  @ApiProperty({ description: 'Municipality code (kommunkod), four digits', example: '1283' })
  @Matches(/^\d{4}$/, { message: 'municipality must be a four-digit municipality code' })
  municipality!: string;

  @ApiProperty({ description: 'The official figure of the target group in the baseline month', example: 412 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  value!: number;
}

export class SetGoalRequest {
  @ApiProperty({ description: 'What the goal is called', example: 'Halvera arbetslösheten bland utrikes födda kvinnor' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    description: 'Whom the figures count, and from which source',
    example: 'Inskrivna arbetslösa utrikes födda kvinnor 16-64 år (Arbetsförmedlingen)',
  })
  @IsString()
  @Length(1, 300)
  targetGroup!: string;

  @ApiProperty({ description: 'The reference month of the baseline (YYYY-MM)', example: '2025-09' })
  @Matches(MONTH, { message: 'baselineMonth must be YYYY-MM' })
  baselineMonth!: string;

  @ApiProperty({ description: 'The month by which the goal should be reached (YYYY-MM)', example: '2027-09' })
  @Matches(MONTH, { message: 'targetMonth must be YYYY-MM' })
  targetMonth!: string;

  @ApiProperty({ description: 'How much lower than the baseline the figure should be: 50 means halve', example: 50 })
  @IsInt()
  @Min(1)
  @Max(100)
  reductionPercent!: number;

  @ApiPropertyOptional({ description: 'Baselines per municipality (or import them afterwards)', type: [BaselineRequest] })
  @IsOptional()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => BaselineRequest)
  baselines?: BaselineRequest[];
}

export class FigureRequest {
  @ApiProperty({ description: 'Municipality code (kommunkod)', example: '1283' })
  @IsString()
  @MaxLength(10)
  municipality!: string;

  @ApiProperty({ description: 'Month of the figure (YYYY-MM); the baseline month sets baselines', example: '2025-12' })
  @IsString()
  @MaxLength(10)
  month!: string;

  @ApiProperty({ description: 'The official figure', example: 388 })
  @IsInt()
  value!: number;
}

export class RecordFiguresRequest {
  @ApiProperty({ description: 'Figures; all are stored, or none when any is wrong', type: [FigureRequest] })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => FigureRequest)
  figures!: FigureRequest[];
}

export class ImportFiguresRequest {
  @ApiProperty({
    description:
      'A CSV file as text: a header with `municipality`, `month`, `value` (any order, `;` or `,`), then one figure a line. ' +
      'All rows are stored, or none: a wrong row is named by its line and field (422).',
    example: 'municipality;month;value\n1283;2025-09;412\n1282;2025-09;97',
  })
  @IsString()
  @MaxLength(90_000)
  csv!: string;
}

/** A page of the region's goals: a cooperation keeps its goals over the years. */
export class ListGoalsRequest {
  @PageSize({ max: 100, default: 20, description: 'Goals per page' })
  limit: number = 20;

  @PageOffset({ max: 10_000 })
  offset: number = 0;
}
