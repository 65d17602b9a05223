import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '@jobbspar/platform';
import { ProposalsService } from '../../application/proposals.service';
import { ProposalFilter } from '../../infrastructure/proposal.repository';
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
  constructor(private readonly proposals: ProposalsService) {}

  @Get('proposals/:id')
  @ApiOkResponse({ type: ProposalResponse })
  async get(@Param() { id }: ProposalIdParam): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.get(id));
  }

  @Get('needs/:needId/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  async forNeed(@Param() { needId }: NeedIdParam, @Query() q: ProposalListQuery): Promise<ProposalPageResponse> {
    return this.page({ needId, status: q.status, ...page(q) });
  }

  @Get('candidates/:candidateId/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  async forCandidate(@Param() { candidateId }: CandidateIdParam, @Query() q: ProposalListQuery): Promise<ProposalPageResponse> {
    return this.page({ candidateId, status: q.status, ...page(q) });
  }

  /** Open proposals waiting for a coordinator, best score first. */
  @Get('review-queue')
  @ApiOkResponse({ type: ProposalPageResponse })
  async reviewQueue(@Query() q: ReviewQueueQuery): Promise<ProposalPageResponse> {
    return this.page({ status: 'proposed', municipality: q.municipality, occupation: q.occupation, ...page(q) });
  }

  @Post('proposals/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  async accept(@Param() { id }: ProposalIdParam, @Ctx() ctx: RequestContext): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.accept(id, ctx));
  }

  @Post('proposals/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  async reject(
    @Param() { id }: ProposalIdParam,
    @Body() body: RejectProposalRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<ProposalResponse> {
    return ProposalResponse.from(await this.proposals.reject(id, body.reasonCode, body.comment ?? null, ctx));
  }

  private async page(filter: ProposalFilter): Promise<ProposalPageResponse> {
    const { items, total } = await this.proposals.list(filter);
    return { items: items.map(ProposalResponse.from), total, limit: filter.limit, offset: filter.offset };
  }
}
