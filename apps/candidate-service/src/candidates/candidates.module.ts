import { Module } from '@nestjs/common';
import { CandidateDataKeys } from './application/candidate-data-keys';
import { CandidateAccess } from '../access/candidate-access';
import { CandidateProfilePublisher } from './application/candidate-profile.publisher';
import { ChangeConsentHandler } from './application/commands/change-consent/change-consent.handler';
import { RecordPlacementEndedHandler } from './application/commands/record-placement-ended/record-placement-ended.handler';
import { RecordPlacementFollowUpHandler } from './application/commands/record-placement-follow-up/record-placement-follow-up.handler';
import { RecordPlacementStartedHandler } from './application/commands/record-placement-started/record-placement-started.handler';
import { RegisterCandidateHandler } from './application/commands/register-candidate/register-candidate.handler';
import { UpdateProfileHandler } from './application/commands/update-profile/update-profile.handler';
import { CandidateNamesHandler } from './application/queries/candidate-names/candidate-names.handler';
import { FollowUpStatisticsHandler } from './application/queries/follow-up-statistics/follow-up-statistics.handler';
import { GetCandidateHandler } from './application/queries/get-candidate/get-candidate.handler';
import { ListCandidatesHandler } from './application/queries/list-candidates/list-candidates.handler';
import { CandidateRepository } from './domain/candidate.repository';
import { PlacementRepository } from './domain/placement.repository';
import { PostgresCandidateRepository } from './infrastructure/postgres-candidate.repository';
import { PostgresPlacementRepository } from './infrastructure/postgres-placement.repository';
import { CandidatesController, FollowUpStatisticsController } from './interface/http/candidates.controller';
import { PlacementEventsConsumer } from './interface/messaging/placement-events.consumer';

/** Erasure reaches internships' rows too: its handler is registered by ErasureModule (erasure.module.ts). */
@Module({
  controllers: [CandidatesController, FollowUpStatisticsController, PlacementEventsConsumer],
  providers: [
    { provide: CandidateRepository, useClass: PostgresCandidateRepository },
    { provide: PlacementRepository, useClass: PostgresPlacementRepository },
    CandidateDataKeys,
    CandidateProfilePublisher,
    RegisterCandidateHandler,
    UpdateProfileHandler,
    ChangeConsentHandler,
    RecordPlacementStartedHandler,
    RecordPlacementEndedHandler,
    RecordPlacementFollowUpHandler,
    GetCandidateHandler,
    ListCandidatesHandler,
    CandidateNamesHandler,
    FollowUpStatisticsHandler,
    CandidateAccess,
  ],
  exports: [CandidateRepository, PlacementRepository, CandidateDataKeys, CandidateProfilePublisher, CandidateAccess],
})
export class CandidatesModule {}
