import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ScoringWeights } from '@jobbspar/matching-core';
import { Ctx, RequestContext } from '@jobbspar/platform';
import { WeightsService } from '../../application/weights.service';
import { PutWeightsRequest, RegionParam } from './dto/weights.request';
import { WeightsResponse } from './dto/weights.response';

@ApiTags('weights')
@Controller('matching/weights')
export class WeightsController {
  constructor(private readonly weights: WeightsService) {}

  @Get(':region')
  @ApiOkResponse({ type: WeightsResponse })
  async get(@Param() { region }: RegionParam): Promise<WeightsResponse> {
    return this.response(region, await this.weights.current(region));
  }

  /** Creates a new version for the region; proposals scored from now on record it. */
  @Put(':region')
  @ApiOkResponse({ type: WeightsResponse })
  async put(@Param() { region }: RegionParam, @Body() body: PutWeightsRequest, @Ctx() ctx: RequestContext): Promise<WeightsResponse> {
    return this.response(region, await this.weights.set(region, body, ctx.actor));
  }

  private async response(region: string, w: ScoringWeights): Promise<WeightsResponse> {
    const history = (await this.weights.history(region)).map((h) => h.version);
    return {
      region,
      version: w.version,
      taskCoverage: w.taskCoverage,
      interests: w.interests,
      shortage: w.shortage,
      waiting: w.waiting,
      supportFit: w.supportFit,
      history,
    };
  }
}
