import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '@jobbspar/platform';
import { ProposalIdParam } from '../../../proposals/interface/http/dto/proposal.request';
import { PlacementsService } from '../../application/placements.service';
import { EndPlacementRequest, FollowUpRequest, PlacementIdParam, StartPlacementRequest } from './dto/placement.request';
import { PlacementResponse } from './dto/placement.response';

@ApiTags('placements')
@Controller('matching')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  /** The employer confirms an accepted proposal: the placement starts. */
  @Post('proposals/:id/placement')
  @ApiCreatedResponse({ type: PlacementResponse })
  start(@Param() { id }: ProposalIdParam, @Body() body: StartPlacementRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    return this.placements.start(id, body, ctx);
  }

  @Get('placements/:id')
  @ApiOkResponse({ type: PlacementResponse })
  get(@Param() { id }: PlacementIdParam): Promise<PlacementResponse> {
    return this.placements.get(id);
  }

  @Post('placements/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: PlacementResponse })
  end(@Param() { id }: PlacementIdParam, @Body() body: EndPlacementRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    return this.placements.end(id, body, ctx);
  }

  @Post('placements/:id/follow-ups')
  @ApiCreatedResponse({ type: PlacementResponse })
  followUp(@Param() { id }: PlacementIdParam, @Body() body: FollowUpRequest, @Ctx() ctx: RequestContext): Promise<PlacementResponse> {
    return this.placements.followUp(id, body, ctx);
  }
}
