import { Module } from '@nestjs/common';
import { CandidateAccess } from '../access/candidate-access';
import { CandidateProfilePublisher } from './application/candidate-profile.publisher';
import { ChangeConsentHandler } from './application/commands/change-consent/change-consent.handler';
import { EraseCandidateHandler } from './application/commands/erase-candidate/erase-candidate.handler';
import { RegisterCandidateHandler } from './application/commands/register-candidate/register-candidate.handler';
import { UpdateProfileHandler } from './application/commands/update-profile/update-profile.handler';
import { FollowUpStatisticsHandler } from './application/queries/follow-up-statistics/follow-up-statistics.handler';
import { GetCandidateHandler } from './application/queries/get-candidate/get-candidate.handler';
import { ListCandidatesHandler } from './application/queries/list-candidates/list-candidates.handler';
import { CandidateDataKeys } from './infrastructure/candidate-data-keys';
import { CandidateRepository } from './infrastructure/candidate.repository';
import { CandidatesController, FollowUpStatisticsController } from './interface/http/candidates.controller';
import { PlacementEventsConsumer } from './interface/messaging/placement-events.consumer';

@Module({
  controllers: [CandidatesController, FollowUpStatisticsController, PlacementEventsConsumer],
  providers: [
    CandidateRepository,
    CandidateDataKeys,
    CandidateProfilePublisher,
    RegisterCandidateHandler,
    UpdateProfileHandler,
    ChangeConsentHandler,
    EraseCandidateHandler,
    GetCandidateHandler,
    ListCandidatesHandler,
    FollowUpStatisticsHandler,
    CandidateAccess,
  ],
  exports: [CandidateRepository, CandidateDataKeys, CandidateProfilePublisher, CandidateAccess],
})
export class CandidatesModule {}
