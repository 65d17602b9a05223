import { ApiProperty } from '@nestjs/swagger';

export class FigureResponse {
  @ApiProperty({ example: '1283' }) municipality!: string;
  @ApiProperty({ example: '2025-12' }) month!: string;
  @ApiProperty({ example: 388 }) value!: number;
}

export class RecordedFiguresResponse {
  @ApiProperty({ type: [FigureResponse], description: 'The figures stored by this request' }) recorded!: FigureResponse[];
}

export class GoalResponse {
  @ApiProperty() goalId!: string;
  @ApiProperty({ example: 'se-12' }) region!: string;
  @ApiProperty() name!: string;
  @ApiProperty() targetGroup!: string;
  @ApiProperty({ example: '2025-09' }) baselineMonth!: string;
  @ApiProperty({ example: '2027-09' }) targetMonth!: string;
  @ApiProperty({ example: 50 }) reductionPercent!: number;
  @ApiProperty({ type: [FigureResponse], description: 'Every figure recorded, baselines included, by month then municipality' })
  figures!: FigureResponse[];
}

export class ProgressResponse {
  @ApiProperty({ description: 'The figure of the baseline month' }) baseline!: number;
  @ApiProperty({ description: 'Baseline less the reduction (one decimal)' }) target!: number;
  @ApiProperty({ description: 'Month of the latest figure (the baseline month when none yet)' }) latestMonth!: string;
  @ApiProperty() latest!: number;
  @ApiProperty({ description: 'The straight path from baseline to target, in the latest month' }) planned!: number;
  @ApiProperty({ enum: ['reached', 'on-track', 'behind', 'no-figure-yet'], description: 'on-track: at or below the path' })
  status!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Average change per month since the baseline' }) pacePerMonth!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The month the target is reached at that pace; null if never' })
  reachedByAtCurrentPace!: string | null;
}

export class MunicipalityProgressResponse extends ProgressResponse {
  @ApiProperty({ example: '1283' }) municipality!: string;
  @ApiProperty({ example: 'Helsingborg' }) name!: string;
}

export class CooperationProgressResponse extends ProgressResponse {
  @ApiProperty({ description: 'Municipalities with a baseline; the cooperation counts the latest month all of them reported' })
  municipalitiesCounted!: number;
}

export class GoalProgressResponse extends GoalResponse {
  @ApiProperty({ type: [MunicipalityProgressResponse] }) municipalities!: MunicipalityProgressResponse[];
  @ApiProperty({ type: CooperationProgressResponse }) cooperation!: CooperationProgressResponse;
}

export class GoalPageResponse {
  @ApiProperty({ description: 'The goals on this page, oldest first.', type: [GoalResponse] }) items!: GoalResponse[];
  @ApiProperty({ description: 'How many goals the region has in all.' }) total!: number;
  @ApiProperty({ description: 'Page size used.' }) limit!: number;
  @ApiProperty({ description: 'Goals skipped before this page.' }) offset!: number;
}
