import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { RecordNeedHandler } from './application/commands/record-need/record-need.handler';
import { RecordRoleVersionHandler } from './application/commands/record-role-version/record-role-version.handler';
import { GetJobTrackHandler } from './application/queries/get-job-track/get-job-track.handler';
import { RoleAndNeedRepository } from './domain/role-and-need.repository';
import { PostgresRoleAndNeedRepository } from './infrastructure/postgres-role-and-need.repository';
import { JobTrackController } from './interface/http/job-track.controller';
import { RoleAndNeedEventsConsumer } from './interface/messaging/role-and-need-events.consumer';

@Module({
  imports: [CandidatesModule],
  controllers: [JobTrackController, RoleAndNeedEventsConsumer],
  providers: [
    { provide: RoleAndNeedRepository, useClass: PostgresRoleAndNeedRepository },
    RecordRoleVersionHandler,
    RecordNeedHandler,
    GetJobTrackHandler,
  ],
})
export class JobTrackModule {}
