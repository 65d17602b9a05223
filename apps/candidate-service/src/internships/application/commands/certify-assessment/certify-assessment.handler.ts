import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskValidatedV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { Clock, swedishDay } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CandidateRepository } from '../../../../candidates/domain/candidate.repository';
import { AlreadyCertifiedError, AssessmentNotFoundError } from '../../../domain/internship.errors';
import { checkAssessedBy } from '../../../domain/internship';
import { certify } from '../../../domain/task-validations';
import { InternshipRepository } from '../../../domain/internship.repository';
import { CertifiedValidation, CertifyAssessmentCommand } from './certify-assessment.command';

@CommandHandler(CertifyAssessmentCommand)
export class CertifyAssessmentHandler implements ICommandHandler<CertifyAssessmentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly internships: InternshipRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ assessmentId, ctx }: CertifyAssessmentCommand): Promise<CertifiedValidation> {
    return this.dataSource.transaction(async (em) => {
      const found = (await this.internships.assessments(em, { assessmentId }))[0];
      if (!found) throw new AssessmentNotFoundError(assessmentId);
      // Her lock first (as erasure takes it): validations of one candidate are decided one at a time.
      await this.candidates.lock(em, found.candidateId);
      const assessment = (await this.internships.assessments(em, { assessmentId }))[0];
      if (!assessment) throw new AssessmentNotFoundError(assessmentId);
      if (assessment.validationId) throw new AlreadyCertifiedError(assessmentId, assessment.validationId);
      const certifiedAt = this.clock.now();
      checkAssessedBy(assessment.assessedOn, swedishDay(certifiedAt));

      const history = await this.internships.validationsOnTask(em, assessment.candidateId, assessment.taskId);
      const validationId = randomUUID();
      const outcome = certify(history, { validationId, level: assessment.level, revoked: false, certifiedAt: certifiedAt.toISOString() });
      await this.internships.insertValidation(em, {
        validationId,
        assessment,
        supersedes: outcome.supersedes,
        certifiedAt,
        certifiedBy: ctx.actor,
      });
      const { revision, tenant } = await this.candidates.nextRevision(em, assessment.candidateId);
      await this.outbox.append(
        em,
        TaskValidatedV1,
        {
          validationId,
          candidateId: assessment.candidateId,
          taskId: assessment.taskId,
          level: assessment.level,
          effectiveLevel: outcome.effectiveLevel,
          assessedOn: assessment.assessedOn,
          workplaceId: assessment.workplaceId,
          ...(outcome.supersedes ? { supersedes: outcome.supersedes } : {}),
        },
        { tenant, aggregateId: assessment.candidateId, aggregateVersion: revision, ...ctx },
      );
      return {
        validationId,
        candidateId: assessment.candidateId,
        taskId: assessment.taskId,
        level: assessment.level,
        effectiveLevel: outcome.effectiveLevel,
        supersedes: outcome.supersedes ?? null,
      };
    });
  }
}
