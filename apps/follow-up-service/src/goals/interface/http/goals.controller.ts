import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '@jobbspar/platform';
import type { FastifyReply as Response } from 'fastify';
import { ApiErrors } from '../../../common/interface/http/api-errors';
import { ExportQuery, GoalParams, RegionParams } from '../../../common/interface/http/dto';
import { AnalystRegion, type Region } from '../../../common/region';
import { sendExport } from '../../../exports/report-export';
import { RecordFiguresCommand } from '../../application/commands/record-figures/record-figures.command';
import { parseFiguresCsv } from '../../application/commands/record-figures/figures-csv';
import { SetGoalCommand } from '../../application/commands/set-goal/set-goal.command';
import {
  GetProgressQuery,
  GoalPage,
  GoalProgressView,
  GoalView,
  ListGoalsQuery,
} from '../../application/queries/get-progress/get-progress.query';
import { ImportFiguresRequest, ListGoalsRequest, RecordFiguresRequest, SetGoalRequest } from './dto/goal.request';
import { GoalPageResponse, GoalProgressResponse, GoalResponse, RecordedFiguresResponse } from './dto/goal.response';
import { progressExport } from './progress-export';

@ApiTags('follow-up: goals')
@Controller('follow-up/regions/:region/goals')
export class GoalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Set a goal for the region, with baselines per municipality (optional here, importable later)' })
  @ApiCreatedResponse({ type: GoalResponse })
  @ApiErrors(400, 403, 404, 422)
  async set(
    @Param() _: RegionParams,
    @AnalystRegion() region: Region,
    @Body() body: SetGoalRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<GoalView> {
    const { goalId } = await this.commands.execute(new SetGoalCommand(region, { ...body, baselines: body.baselines ?? [] }, ctx));
    return this.progress(region, goalId);
  }

  @Get()
  @ApiOperation({ summary: "The region's goals with their figures, a page at a time, oldest first" })
  @ApiOkResponse({ type: GoalPageResponse })
  @ApiErrors(400, 403, 404)
  list(@Param() _: RegionParams, @Query() page: ListGoalsRequest, @AnalystRegion() region: Region): Promise<GoalPage> {
    return this.queries.execute(new ListGoalsQuery(region.tenant, { limit: page.limit, offset: page.offset }));
  }

  @Post(':id/figures')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record baselines or monthly figures by form: all rows are stored, or none' })
  @ApiOkResponse({ type: RecordedFiguresResponse })
  @ApiErrors(400, 403, 404, 422)
  record(@Param() { id }: GoalParams, @AnalystRegion() region: Region, @Body() body: RecordFiguresRequest, @Ctx() ctx: RequestContext) {
    const rows = body.figures.map((f, i) => ({ line: i + 1, municipality: f.municipality, month: f.month, value: f.value }));
    return this.commands.execute(new RecordFiguresCommand(region, id, rows, ctx));
  }

  @Post(':id/figures/import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import baselines or monthly figures from CSV: all rows are stored, or none (a wrong row is named by line and field)',
  })
  @ApiOkResponse({ type: RecordedFiguresResponse })
  @ApiErrors(400, 403, 404, 413, 422)
  import(@Param() { id }: GoalParams, @AnalystRegion() region: Region, @Body() body: ImportFiguresRequest, @Ctx() ctx: RequestContext) {
    return this.commands.execute(new RecordFiguresCommand(region, id, parseFiguresCsv(body.csv), ctx));
  }

  @Get(':id/progress')
  @ApiOperation({
    summary: 'Progress: the latest figure against the straight path from baseline to goal, per municipality and for the cooperation',
    description:
      'Status on-track / behind / reached, the average pace per month since the baseline, and the month the goal would be reached at that pace.',
  })
  @ApiOkResponse({ type: GoalProgressResponse })
  @ApiErrors(400, 403, 404)
  get(@Param() { id }: GoalParams, @AnalystRegion() region: Region): Promise<GoalProgressView> {
    return this.progress(region, id);
  }

  @Get(':id/progress/export')
  @ApiOperation({ summary: 'Progress as CSV or spreadsheet, with the data date' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400, 403, 404)
  async export(@Param() { id }: GoalParams, @AnalystRegion() region: Region, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    await sendExport(res, progressExport(await this.progress(region, id)), q.format ?? 'csv');
  }

  private progress(region: Region, goalId: string): Promise<GoalProgressView> {
    return this.queries.execute(new GetProgressQuery(region.tenant, goalId));
  }
}
