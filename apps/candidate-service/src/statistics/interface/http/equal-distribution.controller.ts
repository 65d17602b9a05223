import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, asTenants } from '@jobbspar/platform';
import { Matches } from 'class-validator';
import { MEASURES } from '../../domain/equal-distribution';
import { EqualDistributionQuery, EqualDistributionTables } from '../../application/queries/equal-distribution/equal-distribution.query';

export class EqualDistributionRequest {
  @ApiProperty({ description: 'Region (tenant), se-<county code>', example: 'se-12' })
  @Matches(/^se-\d{2}$/, { message: 'region must be se-<two-digit county code>' })
  region!: string;

  @ApiProperty({ description: 'Month, YYYY-MM', example: '2026-02' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;
}

export class EqualDistributionCellResponse {
  @ApiProperty({ description: 'Municipality code, or the region' }) area!: string;
  @ApiProperty({ enum: ['gender', 'origin', 'all'] }) classification!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The group within the classification; null for everyone' }) group!:
    string | null;
  @ApiProperty({ enum: MEASURES }) measure!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: hidden by disclosure control' }) value!: number | null;
}

export class SupportDistributionResponse {
  @ApiProperty() region!: string;
  @ApiProperty() month!: string;
  @ApiProperty() computedAt!: string;
  @ApiProperty() method!: string;
  @ApiProperty({ type: [EqualDistributionCellResponse] }) cells!: EqualDistributionCellResponse[];
}

/**
 * For follow-up-service, which publishes these to analysts after protecting them together with its own reports.
 * Access control must keep analysts off this route: read beside the analyst's report, its cells could undo the
 * complementary cells follow-up-service hides on top (see follow-up-service's README).
 */
@ApiTags('statistics')
@Controller('statistics/equal-distribution')
export class EqualDistributionController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Protected equal-distribution counts of one region and month (support measures, internships, outcomes by group)',
    description:
      'For follow-up-service only. Placements started, internships started and checkpoints due in the month, by gender and by origin group.',
  })
  @ApiOkResponse({ type: SupportDistributionResponse })
  @ApiErrors(400)
  get(@Query() q: EqualDistributionRequest): Promise<EqualDistributionTables> {
    // Only follow-up-service's own identity gets here (the policy), which has no tenant of its own: it reads as a
    // caller of the one region it asks about, so row-level security holds the counts to that region's candidates.
    return asTenants([q.region], () => this.queries.execute(new EqualDistributionQuery(q.region, q.month)));
  }
}
