import { Controller, Get, Param, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { MEASURES } from '@jobbspar/contracts';
import type { FastifyReply as Response } from 'fastify';
import { ApiErrors } from '../../../common/interface/http/api-errors';
import { MonthExportQuery, MonthQuery, RegionParams } from '../../../common/interface/http/dto';
import { AnalystRegion, type Region } from '../../../common/region';
import { sendExport } from '../../../exports/report-export';
import { EqualDistributionReportQuery } from '../../application/queries/equal-distribution-report/equal-distribution-report.query';
import { RATES, type EqualDistributionReport, type RateName } from '../../domain/equal-distribution-report';
import { StatisticsUnavailableError } from '../../infrastructure/candidate-statistics.client';
import { EqualDistributionResponse } from './equal-distribution.response';

@ApiTags('follow-up: equal distribution')
@Controller('follow-up/regions/:region/equal-distribution')
export class EqualDistributionController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Equal distribution of support in a released month: support measures, internships and outcomes by gender and origin group',
    description:
      "Counts per municipality and for the region, rates per group and disparity ratios (group rate / everyone's rate) with a " +
      'warning outside the configured band. Computed inside candidate-service, where the follow-up attributes live; only protected ' +
      'counts leave it, and they are protected again here together with the outcome report of the same month.',
  })
  @ApiOkResponse({ type: EqualDistributionResponse })
  @ApiServiceUnavailableResponse({ description: 'candidate-service did not answer; nothing was released, try again' })
  @ApiErrors(400, 403, 404, 409)
  report(@Param() _: RegionParams, @AnalystRegion() region: Region, @Query() q: MonthQuery): Promise<EqualDistributionReport> {
    return this.read(region, q.month);
  }

  @Get('export')
  @ApiOperation({ summary: 'The same month as CSV or spreadsheet, with the data date and the disclosure method named' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  @ApiErrors(400, 403, 404, 409)
  async export(
    @Param() _: RegionParams,
    @AnalystRegion() region: Region,
    @Query() q: MonthExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const r = await this.read(region, q.month);
    const rates = Object.keys(RATES) as RateName[];
    const rows = r.areas.flatMap((a) =>
      a.groups.map((g) => [
        `${a.name} (${a.area})`,
        g.classification,
        g.group ?? 'everyone',
        ...MEASURES.map((m) => g.counts[m]),
        ...rates.flatMap((k) => [g.rates[k].rate, g.rates[k].ratio, g.rates[k].warning ?? '']),
      ]),
    );
    await sendExport(
      res,
      {
        report: `equal-distribution-${r.month}`,
        region: r.region,
        dataAsOf: r.dataAsOf,
        protectedCounts: true,
        tables: [
          {
            title: `equal distribution (band ${r.band.low}-${r.band.high})${r.withheld ? `: ${r.withheld}` : ''}`,
            columns: ['area', 'classification', 'group', ...MEASURES, ...rates.flatMap((k) => [`${k} rate`, `${k} ratio`, `${k} warning`])],
            rows,
          },
        ],
      },
      q.format ?? 'csv',
    );
  }

  private async read(region: Region, month: string): Promise<EqualDistributionReport> {
    try {
      return await this.queries.execute(new EqualDistributionReportQuery(region, month));
    } catch (error) {
      if (error instanceof StatisticsUnavailableError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}
