import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPrepared, Ctx, RequestContext, sendPrepared } from '@jobbspar/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { viewerOf } from '../../../access/matching-policy';
import { UNRESTRICTED, type Viewer } from '../../../common/viewer';
import { AcceptProposalCommand } from '../../application/commands/accept-proposal/accept-proposal.command';
import { DeclineProposalCommand } from '../../application/commands/decline-proposal/decline-proposal.command';
import { RejectProposalCommand } from '../../application/commands/reject-proposal/reject-proposal.command';
import {
  GetEmployerProposalQuery,
  ListEmployerProposalsQuery,
} from '../../application/queries/employer-proposals/employer-proposals.query';
import { GetProposalQuery } from '../../application/queries/get-proposal/get-proposal.query';
import { ListProposalsQuery, type ProposalFilter } from '../../application/queries/list-proposals/list-proposals.query';
import { ReviewQueuePageQuery } from '../../application/queries/review-queue/review-queue.query';
import {
  CandidateIdParam,
  DeclineProposalRequest,
  EmployerProposalListQuery,
  NeedIdParam,
  PageQuery,
  ProposalIdParam,
  ProposalListQuery,
  RejectProposalRequest,
  ReviewQueueQuery,
} from './dto/proposal.request';
import { EmployerProposalPageResponse, EmployerProposalResponse, ProposalPageResponse, ProposalResponse } from './dto/proposal.response';

/** The coordinator's comment is the coordinators' (docs/access-control.md): the employer's side gets null. */
const forViewer =
  (viewer: Viewer) =>
  (response: ProposalResponse): ProposalResponse =>
    viewer.unrestricted || viewer.coordinatorArea !== null ? response : { ...response, comment: null };

const page = (q: PageQuery): Pick<ProposalFilter, 'limit' | 'offset'> => ({ limit: q.limit ?? 50, offset: q.offset ?? 0 });

@ApiTags('proposals')
@Controller('matching')
export class ProposalsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('proposals/:id')
  @ApiOkResponse({ type: ProposalResponse })
  @ApiErrors(400, 404)
  async get(@Param() { id }: ProposalIdParam, @Ctx() ctx: RequestContext): Promise<ProposalResponse> {
    const viewer = viewerOf(ctx.principal);
    return forViewer(viewer)(ProposalResponse.from(await this.queries.execute(new GetProposalQuery(id, viewer))));
  }

  @Get('needs/:needId/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  @ApiErrors(400)
  async forNeed(
    @Param() { needId }: NeedIdParam,
    @Query() q: ProposalListQuery,
    @Ctx() ctx: RequestContext,
  ): Promise<ProposalPageResponse> {
    return this.page({ needId, status: q.status, ...page(q) }, viewerOf(ctx.principal));
  }

  @Get('candidates/:candidateId/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  @ApiErrors(400)
  async forCandidate(@Param() { candidateId }: CandidateIdParam, @Query() q: ProposalListQuery): Promise<ProposalPageResponse> {
    return this.page({ candidateId, status: q.status, ...page(q) });
  }

  /**
   * Open proposals waiting for a coordinator, best score first. The body (ProposalPageResponse) is prepared once per
   * page and caller and kept until the queue changes (ReviewQueueHandler): sent as those bytes, compressed if the
   * client accepts it, or answered 304 to a client that holds it already (If-None-Match).
   */
  @Get('review-queue')
  @ApiPrepared(ProposalPageResponse)
  @ApiErrors(400)
  async reviewQueue(
    @Query() q: ReviewQueueQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const filter = {
      municipality: q.municipality,
      occupation: q.occupation,
      tenant: q.county === undefined ? undefined : `se-${q.county}`,
      ...page(q),
    };
    return sendPrepared(request, reply, await this.queries.execute(new ReviewQueuePageQuery(filter)));
  }

  @Post('proposals/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  @ApiErrors(400, 404, 409)
  async accept(@Param() { id }: ProposalIdParam, @Ctx() ctx: RequestContext): Promise<ProposalResponse> {
    await this.commands.execute(new AcceptProposalCommand(id, ctx));
    return ProposalResponse.from(await this.queries.execute(new GetProposalQuery(id)));
  }

  @Post('proposals/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  @ApiErrors(400, 404, 409)
  async reject(
    @Param() { id }: ProposalIdParam,
    @Body() body: RejectProposalRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<ProposalResponse> {
    await this.commands.execute(new RejectProposalCommand(id, body.reasonCode, body.comment ?? null, ctx));
    return ProposalResponse.from(await this.queries.execute(new GetProposalQuery(id)));
  }

  /** The employer of the need declines a proposal a coordinator accepted, with a reason code; nothing starts. */
  @Post('proposals/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: EmployerProposalResponse })
  @ApiErrors(400, 404, 409)
  async decline(
    @Param() { id }: ProposalIdParam,
    @Body() body: DeclineProposalRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<EmployerProposalResponse> {
    const viewer = viewerOf(ctx.principal);
    await this.commands.execute(new DeclineProposalCommand(id, body.reasonCode, viewer, ctx));
    return this.queries.execute(new GetEmployerProposalQuery(id, viewer));
  }

  /** The employer's side: proposals a coordinator accepted for the needs of her organisation, best current score first. */
  @Get('employer-proposals')
  @ApiOkResponse({ type: EmployerProposalPageResponse })
  @ApiErrors(400)
  async employerProposals(@Query() q: EmployerProposalListQuery, @Ctx() ctx: RequestContext): Promise<EmployerProposalPageResponse> {
    const filter = { needId: q.needId, status: q.status, ...page(q) };
    const { items, total } = await this.queries.execute(new ListEmployerProposalsQuery(viewerOf(ctx.principal), filter));
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  @Get('employer-proposals/:id')
  @ApiOkResponse({ type: EmployerProposalResponse })
  @ApiErrors(400, 404)
  employerProposal(@Param() { id }: ProposalIdParam, @Ctx() ctx: RequestContext): Promise<EmployerProposalResponse> {
    return this.queries.execute(new GetEmployerProposalQuery(id, viewerOf(ctx.principal)));
  }

  private async page(filter: ProposalFilter, viewer: Viewer = UNRESTRICTED): Promise<ProposalPageResponse> {
    const { items, total } = await this.queries.execute(new ListProposalsQuery(filter, viewer));
    return { items: items.map((p) => forViewer(viewer)(ProposalResponse.from(p))), total, limit: filter.limit, offset: filter.offset };
  }
}
