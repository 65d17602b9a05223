import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Ctx, type RequestContext } from '@jobbspar/platform';
import { CandidateAccess } from '../../../access/candidate-access';
import { IdParams } from '../../../candidates/interface/http/dto/id.params';
import { GetJobTrackQuery } from '../../application/queries/get-job-track/get-job-track.query';
import { JobTrackRequest, JobTrackResponse } from './dto/job-track.dto';

@ApiTags('candidates')
@Controller('candidates')
export class JobTrackController {
  constructor(
    private readonly queries: QueryBus,
    private readonly access: CandidateAccess,
  ) {}

  @Get(':id/job-track')
  @ApiOperation({ summary: 'Her job track towards a role: next validation steps, ordered by the open needs nearby they would open' })
  @ApiOkResponse({ type: JobTrackResponse })
  @ApiErrors(400, 404)
  async jobTrack(@Param() { id }: IdParams, @Query() query: JobTrackRequest, @Ctx() ctx: RequestContext): Promise<JobTrackResponse> {
    await this.access.assertCandidateVisible(ctx.principal, id);
    return this.queries.execute(new GetJobTrackQuery(id, query.roleId, query.roleVersion));
  }
}
