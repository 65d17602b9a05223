import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, RequestContext } from '@jobbspar/platform';
import { assertOwnRegion } from '../../../access/matching-policy';
import { SetWeightsCommand } from '../../application/commands/set-weights/set-weights.command';
import { GetWeightsQuery, WeightsView } from '../../application/queries/get-weights/get-weights.query';
import { PutWeightsRequest, RegionParam } from './dto/weights.request';
import { WeightsResponse } from './dto/weights.response';

function response({ region, current: w, history }: WeightsView): WeightsResponse {
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

@ApiTags('weights')
@Controller('matching/weights')
export class WeightsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':region')
  @ApiOkResponse({ type: WeightsResponse })
  @ApiErrors(400)
  async get(@Param() { region }: RegionParam, @Ctx() ctx: RequestContext): Promise<WeightsResponse> {
    assertOwnRegion(ctx.principal, region);
    return response(await this.queries.execute(new GetWeightsQuery(region)));
  }

  /** Creates a new version for the region; proposals scored from now on record it. */
  @Put(':region')
  @ApiOkResponse({ type: WeightsResponse })
  @ApiErrors(400, 422)
  async put(@Param() { region }: RegionParam, @Body() body: PutWeightsRequest, @Ctx() ctx: RequestContext): Promise<WeightsResponse> {
    assertOwnRegion(ctx.principal, region);
    await this.commands.execute(new SetWeightsCommand(region, body, ctx));
    return response(await this.queries.execute(new GetWeightsQuery(region)));
  }
}
