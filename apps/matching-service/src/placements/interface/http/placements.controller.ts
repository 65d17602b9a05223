import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { ProposalIdParam } from '../../../proposals/interface/http/dto/proposal.request';
import { EndPlacementCommand } from '../../application/commands/end-placement/end-placement.command';
import { RecordFollowUpCommand } from '../../application/commands/record-follow-up/record-follow-up.command';
import { StartPlacementCommand } from '../../application/commands/start-placement/start-placement.command';
import { GetPlacementQuery } from '../../application/queries/get-placement/get-placement.query';
import { EndPlacementRequest, FollowUpRequest, PlacementIdParam, StartPlacementRequest } from './dto/placement.request';
import { PlacementResponse } from './dto/placement.response';

@ApiTags('placements')
@Controller('matching')
export class PlacementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The employer confirms an accepted proposal: the placement starts. */
  @Post('proposals/:id/placement')
  @ApiCreatedResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409, 422)
  async start(
    @Param() { id }: ProposalIdParam,
    @Body() body: StartPlacementRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementResponse> {
    const { placementId } = await this.commands.execute(new StartPlacementCommand(id, body.startDate, body.support, ctx));
    return this.queries.execute(new GetPlacementQuery(placementId));
  }

  @Get('placements/:id')
  @ApiOkResponse({ type: PlacementResponse })
  @ApiErrors(400, 404)
  get(@Param() { id }: PlacementIdParam): Promise<PlacementResponse> {
    return this.queries.execute(new GetPlacementQuery(id));
  }

  @Post('placements/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409, 422)
  async end(@Param() { id }: PlacementIdParam, @Body() body: EndPlacementRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    await this.commands.execute(new EndPlacementCommand(id, body.endDate, body.outcome, ctx));
    return this.queries.execute(new GetPlacementQuery(id));
  }

  @Post('placements/:id/follow-ups')
  @ApiCreatedResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409, 422)
  async followUp(@Param() { id }: PlacementIdParam, @Body() body: FollowUpRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    await this.commands.execute(new RecordFollowUpCommand(id, body.checkpointDays, body.status, ctx));
    return this.queries.execute(new GetPlacementQuery(id));
  }
}
