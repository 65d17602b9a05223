import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { viewerOf } from '../../../access/matching-policy';
import { ProposalIdParam } from '../../../proposals/interface/http/dto/proposal.request';
import { ConfirmProposalCommand } from '../../application/commands/confirm-proposal/confirm-proposal.command';
import { EndPlacementCommand } from '../../application/commands/end-placement/end-placement.command';
import { RecordFollowUpCommand } from '../../application/commands/record-follow-up/record-follow-up.command';
import { DueFollowUpsQuery } from '../../application/queries/due-follow-ups/due-follow-ups.query';
import { GetPlacementQuery } from '../../application/queries/get-placement/get-placement.query';
import { ListPlacementsQuery } from '../../application/queries/list-placements/list-placements.query';
import {
  ConfirmProposalRequest,
  DueFollowUpsQueryRequest,
  EndPlacementRequest,
  FollowUpRequest,
  PlacementIdParam,
  PlacementListQuery,
} from './dto/placement.request';
import { DueFollowUpsResponse, PlacementPageResponse, PlacementResponse } from './dto/placement.response';

@ApiTags('placements')
@Controller('matching')
export class PlacementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * The employer of the need confirms a proposal a coordinator accepted, with the start date and the support
   * measures: the placement starts. Only this starts a placement.
   */
  @Post('proposals/:id/confirm')
  @ApiCreatedResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409, 422)
  async confirm(
    @Param() { id }: ProposalIdParam,
    @Body() body: ConfirmProposalRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<PlacementResponse> {
    const viewer = viewerOf(ctx.principal);
    const { placementId } = await this.commands.execute(new ConfirmProposalCommand(id, body.startDate, body.support, viewer, ctx));
    return this.queries.execute(new GetPlacementQuery(placementId, viewer));
  }

  /** The placements the caller sees (her employer's, or her area's residents'), by need, employer or candidate. */
  @Get('placements')
  @ApiOkResponse({ type: PlacementPageResponse })
  @ApiErrors(400)
  async list(@Query() q: PlacementListQuery, @Ctx() ctx: RequestContext): Promise<PlacementPageResponse> {
    const filter = {
      needId: q.needId,
      employerId: q.employerId,
      candidateId: q.candidateId,
      status: q.status,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    };
    const { items, total } = await this.queries.execute(new ListPlacementsQuery(viewerOf(ctx.principal), filter));
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  /** The coordinator's follow-up worklist: checkpoints falling due in the next `withinDays` (14) days, and overdue ones. */
  @Get('follow-ups/due')
  @ApiOkResponse({ type: DueFollowUpsResponse })
  @ApiErrors(400)
  due(@Query() q: DueFollowUpsQueryRequest, @Ctx() ctx: RequestContext): Promise<DueFollowUpsResponse> {
    return this.queries.execute(new DueFollowUpsQuery(viewerOf(ctx.principal), q.withinDays ?? 14, q.limit ?? 200));
  }

  @Get('placements/:id')
  @ApiOkResponse({ type: PlacementResponse })
  @ApiErrors(400, 404)
  get(@Param() { id }: PlacementIdParam, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    return this.queries.execute(new GetPlacementQuery(id, viewerOf(ctx.principal)));
  }

  @Post('placements/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409, 422)
  async end(@Param() { id }: PlacementIdParam, @Body() body: EndPlacementRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    const viewer = viewerOf(ctx.principal);
    // Another's placement is not there for her: 404 before anything changes.
    await this.queries.execute(new GetPlacementQuery(id, viewer));
    await this.commands.execute(new EndPlacementCommand(id, body.endDate, body.outcome, ctx));
    return this.queries.execute(new GetPlacementQuery(id, viewer));
  }

  @Post('placements/:id/follow-ups')
  @ApiCreatedResponse({ type: PlacementResponse })
  @ApiErrors(400, 404, 409, 422)
  async followUp(@Param() { id }: PlacementIdParam, @Body() body: FollowUpRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    const viewer = viewerOf(ctx.principal);
    await this.queries.execute(new GetPlacementQuery(id, viewer));
    await this.commands.execute(new RecordFollowUpCommand(id, body.checkpointDays, body.status, ctx));
    return this.queries.execute(new GetPlacementQuery(id, viewer));
  }
}
