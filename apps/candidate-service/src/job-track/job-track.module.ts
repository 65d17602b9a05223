import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { GetJobTrackHandler } from './application/queries/get-job-track/get-job-track.handler';
import { JobTrackController } from './interface/http/job-track.controller';
import { RoleAndNeedEventsConsumer } from './interface/messaging/role-and-need-events.consumer';

@Module({
  imports: [CandidatesModule],
  controllers: [JobTrackController, RoleAndNeedEventsConsumer],
  providers: [GetJobTrackHandler],
})
export class JobTrackModule {}
