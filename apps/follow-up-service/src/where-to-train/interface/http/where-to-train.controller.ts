import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { ApiErrors } from '../../../common/interface/http/api-errors';
import { ExportQuery, RegionParams } from '../../../common/interface/http/dto';
import { AnalystRegion, type Region } from '../../../common/region';
import { sendExport } from '../../../exports/report-export';
import { DisclosureMethodResponse } from '../../../outcomes/interface/http/outcomes.response';
import type { WhereToTrainReport } from '../../application/queries/where-to-train/where-to-train.query';
import { WhereToTrainQuery } from '../../application/queries/where-to-train/where-to-train.query';

const PEOPLE = { type: 'integer', nullable: true, description: 'A count of people; null when 1-4 (hidden)' } as const;

export class TrainingNeedResponse {
  @ApiProperty({ example: 'care.personal-hygiene' }) taskId!: string;
  @ApiProperty({ description: 'Task name (Swedish)' }) name!: string;
  @ApiProperty({ type: [String], description: 'SSYK codes the task belongs to' }) occupations!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'What the task asks of her Swedish (input for vocational Swedish)' })
  languageDemand!: string | null;
  @ApiProperty({ description: 'Open needs asking for it as a must-have' }) needsAsking!: number;
  @ApiProperty({ description: 'Their open positions' }) positionsAsking!: number;
  @ApiProperty({ ...PEOPLE, description: 'Candidates within commute of such a need lacking it; null when 1-4' }) candidatesLacking!:
    number | null;
  @ApiProperty({ ...PEOPLE, description: 'Of those, for whom it is the last must-have missing for some need nearby' })
  candidatesOneStepAway!: number | null;
  @ApiProperty({
    ...PEOPLE,
    description: 'Positions that would open if those one step away validated it (bounded by them, so hidden when 1-4)',
  })
  positionsThatWouldOpen!: number | null;
}

export class WhereToTrainResponse {
  @ApiProperty() region!: string;
  @ApiProperty({ description: 'When it was computed (live)' }) dataAsOf!: string;
  @ApiProperty({ type: DisclosureMethodResponse }) method!: DisclosureMethodResponse;
  @ApiProperty({ type: [TrainingNeedResponse], description: 'Most useful first: positions that would open, then people one step away' })
  tasks!: TrainingNeedResponse[];
}

@ApiTags('follow-up: where to train')
@Controller('follow-up/regions/:region/where-to-train')
export class WhereToTrainController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Where to train: the tasks open needs ask for that candidates within commute lack, ranked by the positions that would open',
    description:
      'The job-track logic (which single validation opens which need nearby) aggregated over the region: input for adult education.',
  })
  @ApiOkResponse({ type: WhereToTrainResponse })
  @ApiErrors(400, 403, 404)
  get(@Param() _: RegionParams, @AnalystRegion() region: Region): Promise<WhereToTrainReport> {
    return this.queries.execute(new WhereToTrainQuery(region));
  }

  @Get('export')
  @ApiOperation({ summary: 'The same as CSV or spreadsheet, with the data date and the disclosure method named' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  @ApiErrors(400, 403, 404)
  async export(@Param() _: RegionParams, @AnalystRegion() region: Region, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    const r: WhereToTrainReport = await this.queries.execute(new WhereToTrainQuery(region));
    await sendExport(
      res,
      {
        report: 'where-to-train',
        region: r.region,
        dataAsOf: r.dataAsOf.slice(0, 10),
        protectedCounts: true,
        tables: [
          {
            title: 'where to train',
            columns: [
              'task',
              'name',
              'occupations',
              'language demand',
              'needs asking',
              'positions asking',
              'candidates lacking',
              'one step away',
              'positions that would open',
            ],
            rows: r.tasks.map((t) => [
              t.taskId,
              t.name,
              t.occupations.join(' '),
              t.languageDemand ?? '',
              t.needsAsking,
              t.positionsAsking,
              t.candidatesLacking,
              t.candidatesOneStepAway,
              t.positionsThatWouldOpen,
            ]),
          },
        ],
      },
      q.format ?? 'csv',
    );
  }
}
