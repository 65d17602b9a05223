import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { AcceptProposalCommand } from '../../application/commands/accept-proposal/accept-proposal.command';
import { RejectProposalCommand } from '../../application/commands/reject-proposal/reject-proposal.command';
import { GetProposalQuery } from '../../application/queries/get-proposal/get-proposal.query';
import { ListProposalsQuery, type ProposalFilter } from '../../application/queries/list-proposals/list-proposals.query';
import {
  CandidateIdParam,
  NeedIdParam,
  PageQuery,
  ProposalIdParam,
  ProposalListQuery,
  RejectProposalRequest,
  ReviewQueueQuery,
} from './dto/proposal.request';
import { ProposalPageResponse, ProposalResponse } from './dto/proposal.response';

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
  async get(@Param() { id }: ProposalIdParam): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.queries.execute(new GetProposalQuery(id)));
  }

  @Get('needs/:needId/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  @ApiErrors(400)
  async forNeed(@Param() { needId }: NeedIdParam, @Query() q: ProposalListQuery): Promise<ProposalPageResponse> {
    return this.page({ needId, status: q.status, ...page(q) });
  }

  @Get('candidates/:candidateId/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  @ApiErrors(400)
  async forCandidate(@Param() { candidateId }: CandidateIdParam, @Query() q: ProposalListQuery): Promise<ProposalPageResponse> {
    return this.page({ candidateId, status: q.status, ...page(q) });
  }

  /** Open proposals waiting for a coordinator, best score first. */
  @Get('review-queue')
  @ApiOkResponse({ type: ProposalPageResponse })
  @ApiErrors(400)
  async reviewQueue(@Query() q: ReviewQueueQuery): Promise<ProposalPageResponse> {
    return this.page({ status: 'proposed', municipality: q.municipality, occupation: q.occupation, ...page(q) });
  }

  @Post('proposals/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  @ApiErrors(400, 404, 409)
  async accept(@Param() { id }: ProposalIdParam, @Ctx() ctx: RequestContext): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.commands.execute(new AcceptProposalCommand(id, ctx)));
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
    return ProposalResponse.from(await this.commands.execute(new RejectProposalCommand(id, body.reasonCode, body.comment ?? null, ctx)));
  }

  private async page(filter: ProposalFilter): Promise<ProposalPageResponse> {
    const { items, total } = await this.queries.execute(new ListProposalsQuery(filter));
    return { items: items.map(ProposalResponse.from), total, limit: filter.limit, offset: filter.offset };
  }
}
