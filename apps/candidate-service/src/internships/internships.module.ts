import { InternshipAccess } from '../access/internship-access';
import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { CertifyAssessmentHandler } from './application/commands/certify-assessment/certify-assessment.handler';
import { RecordAssessmentHandler } from './application/commands/record-assessment/record-assessment.handler';
import { RecordWorkplaceHandler } from './application/commands/record-workplace/record-workplace.handler';
import { RevokeValidationHandler } from './application/commands/revoke-validation/revoke-validation.handler';
import { StartInternshipHandler } from './application/commands/start-internship/start-internship.handler';
import { GetInternshipHandler } from './application/queries/get-internship/get-internship.handler';
import { ListInternshipsHandler } from './application/queries/list-internships/list-internships.handler';
import { InternshipRepository } from './domain/internship.repository';
import { WorkplaceRepository } from './domain/workplace.repository';
import { PostgresInternshipRepository } from './infrastructure/postgres-internship.repository';
import { PostgresWorkplaceRepository } from './infrastructure/postgres-workplace.repository';
import { AssessmentsController, InternshipsController, ValidationsController } from './interface/http/internships.controller';
import { EmployerEventsConsumer } from './interface/messaging/employer-events.consumer';

@Module({
  imports: [CandidatesModule],
  controllers: [InternshipsController, AssessmentsController, ValidationsController, EmployerEventsConsumer],
  providers: [
    InternshipAccess,
    { provide: InternshipRepository, useClass: PostgresInternshipRepository },
    { provide: WorkplaceRepository, useClass: PostgresWorkplaceRepository },
    StartInternshipHandler,
    RecordAssessmentHandler,
    CertifyAssessmentHandler,
    RevokeValidationHandler,
    RecordWorkplaceHandler,
    GetInternshipHandler,
    ListInternshipsHandler,
  ],
  exports: [InternshipRepository],
})
export class InternshipsModule {}
