import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { ApiErrors } from '../../../common/interface/http/api-errors';
import { MonthExportQuery, MonthQuery, RegionParams } from '../../../common/interface/http/dto';
import { AnalystRegion, type Region } from '../../../common/region';
import { sendExport } from '../../../exports/report-export';
import { OutcomesReportQuery, ReleasedMonthsQuery } from '../../application/queries/outcomes-report/outcomes-report.query';
import { FUNNEL_STAGES, PLACEMENT_TYPES, type OutcomesReport } from '../../domain/outcome-report';
import { OutcomesResponse, ReleasedMonthsResponse } from './outcomes.response';

@ApiTags('follow-up: outcomes')
@Controller('follow-up/regions/:region/outcomes')
export class OutcomesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('months')
  @ApiOperation({ summary: 'The months that can be read, and when the next one is released' })
  @ApiOkResponse({ type: ReleasedMonthsResponse })
  @ApiErrors(400, 403, 404)
  months(@Param() _: RegionParams, @AnalystRegion() region: Region) {
    return this.queries.execute(new ReleasedMonthsQuery(region));
  }

  @Get()
  @ApiOperation({
    summary: 'Outcomes of one released month per municipality and for the region: funnel, placements by type, follow-ups on time',
    description:
      'From the events of the other services (a projection, rebuildable by replay). A month is released once closed and its ' +
      'follow-ups had their grace days; it is frozen at its first reading. Counts are protected: null means hidden (see method).',
  })
  @ApiOkResponse({ type: OutcomesResponse })
  @ApiErrors(400, 403, 404, 409)
  report(@Param() _: RegionParams, @AnalystRegion() region: Region, @Query() q: MonthQuery): Promise<OutcomesReport> {
    return this.queries.execute(new OutcomesReportQuery(region, q.month));
  }

  @Get('export')
  @ApiOperation({ summary: 'The same month as CSV or spreadsheet, with the data date and the disclosure method named' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400, 403, 404, 409)
  async export(
    @Param() _: RegionParams,
    @AnalystRegion() region: Region,
    @Query() q: MonthExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const r: OutcomesReport = await this.queries.execute(new OutcomesReportQuery(region, q.month));
    const area = (a: OutcomesReport['areas'][number]) => `${a.name} (${a.area})`;
    await sendExport(
      res,
      {
        report: `outcomes-${r.month}`,
        region: r.region,
        dataAsOf: r.dataAsOf,
        protectedCounts: true,
        tables: [
          {
            title: 'funnel',
            columns: ['area', ...FUNNEL_STAGES],
            rows: r.areas.map((a) => [area(a), ...FUNNEL_STAGES.map((s) => a.funnel[s])]),
          },
          {
            title: 'placements by type',
            columns: ['area', ...PLACEMENT_TYPES, 'total', 'median days to first placement'],
            rows: r.areas.map((a) => [
              area(a),
              ...PLACEMENT_TYPES.map((t) => a.placementsByType[t]),
              a.placementsByType.total,
              a.medianDaysToFirstPlacement,
            ]),
          },
          {
            title: 'follow-ups',
            columns: ['area', 'due', 'on time', 'share on time'],
            rows: r.areas.map((a) => [area(a), a.followUps.due, a.followUps.onTime, a.followUps.shareOnTime]),
          },
        ],
      },
      q.format ?? 'csv',
    );
  }
}
