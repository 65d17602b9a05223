import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@jobbspar/platform';
import { IdParams } from '../../../candidates/interface/http/dto/id.params';
import { GetJobTrackQuery } from '../../application/queries/get-job-track/get-job-track.query';
import { JobTrackRequest, JobTrackResponse } from './dto/job-track.dto';

@ApiTags('candidates')
@Controller('candidates')
export class JobTrackController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/job-track')
  @ApiOperation({ summary: 'Her job track towards a role: next validation steps, ordered by the open needs nearby they would open' })
  @ApiOkResponse({ type: JobTrackResponse })
  @ApiErrors(400, 404)
  async jobTrack(@Param() { id }: IdParams, @Query() query: JobTrackRequest): Promise<JobTrackResponse> {
    return this.queries.execute(new GetJobTrackQuery(id, query.roleId, query.roleVersion));
  }
}
