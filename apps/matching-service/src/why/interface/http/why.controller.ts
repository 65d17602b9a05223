import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { pairAskerOf } from '../../../access/matching-policy';
import { CandidateIdParam } from '../../../proposals/interface/http/dto/proposal.request';
import { ExplainPairQuery } from '../../application/queries/explain-pair/explain-pair.query';
import type { PairAnswer } from '../../domain/pair-answer';
import { WhyQuery } from './dto/why.request';
import { WhyResponse } from './dto/why.response';

@ApiTags('why')
@Controller('matching')
export class WhyController {
  constructor(private readonly queries: QueryBus) {}

  /** Why (or why not) she is proposed for the need: every hard filter, the score, and the capacity that decided it. */
  @Get('candidates/:candidateId/why')
  @ApiOkResponse({ type: WhyResponse })
  @ApiErrors(400, 404)
  async pair(@Param() { candidateId }: CandidateIdParam, @Query() { needId }: WhyQuery, @Ctx() ctx: RequestContext): Promise<WhyResponse> {
    return toResponse(await this.queries.execute(new ExplainPairQuery(candidateId, needId, pairAskerOf(ctx.principal))));
  }
}

function toResponse(a: PairAnswer): WhyResponse {
  const e = a.explanation;
  const f = a.filters;
  return {
    candidateId: a.candidateId,
    needId: a.needId,
    verdict: a.verdict,
    proposalId: a.proposalId,
    settledAs: a.settled?.status ?? null,
    settledReason: a.settled?.reason ?? null,
    filters: {
      passed: f.passed,
      needOpen: { ...f.needOpen },
      positionsLeft: { ...f.positionsLeft },
      availableByStart: { ...f.availableByStart },
      commute: { passed: f.commute.passed, minutes: f.commute.minutes, maxMinutes: f.commute.maxMinutes },
      consent: { ...f.consent },
      notRejectedBefore: { ...f.notRejectedBefore },
      mustHaves: f.mustHaves.map((m) => ({ ...m })),
    },
    homeMunicipality: a.homeMunicipality,
    workplaceMunicipality: f.commute.to,
    holdsNeedTask: a.holdsNeedTask,
    score: e?.score ?? null,
    weightsVersion: e?.weightsVersion ?? null,
    factors: e ? e.factors.map((x) => ({ ...x })) : [],
    tasksCovered: e ? e.tasksCovered.map((t) => ({ ...t })) : [],
    tasksMissing: e ? e.tasksMissing.map((t) => ({ ...t })) : [],
    capacity: a.capacity,
  };
}
