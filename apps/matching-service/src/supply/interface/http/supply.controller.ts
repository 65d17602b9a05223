import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@jobbspar/platform';
import { PreviewSupplyQuery } from '../../application/queries/preview-supply/preview-supply.query';
import { SupplyPreviewRequest } from './dto/supply-preview.request';
import { SupplyPreviewResponse } from './dto/supply-preview.response';

@ApiTags('supply')
@Controller('matching')
export class SupplyController {
  constructor(private readonly queries: QueryBus) {}

  /** A question, not a change: POST because a role's tasks do not fit in a query string. */
  @Post('supply-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'How many candidates would qualify for a role being composed, and which one validation would make more qualify',
    description:
      'Counts only, never a candidate: the candidates within their own commute of the workplace who hold one of the tasks, judged by the hard filters a proposal passes. Stores nothing.',
  })
  @ApiOkResponse({ type: SupplyPreviewResponse })
  @ApiErrors(400, 422)
  async preview(@Body() body: SupplyPreviewRequest): Promise<SupplyPreviewResponse> {
    const view = await this.queries.execute(
      new PreviewSupplyQuery({
        workplaceMunicipality: body.workplaceMunicipality,
        startDate: body.startDate ?? null,
        tasks: body.tasks.map(({ taskId, requiredLevel, weight }) => ({ taskId, requiredLevel, weight })),
      }),
    );
    return SupplyPreviewResponse.from(view);
  }
}
