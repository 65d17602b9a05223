import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CandidateDataKeys } from '../../../../candidates/application/candidate-data-keys';
import { CandidateRepository } from '../../../../candidates/domain/candidate.repository';
import { checkAssessment } from '../../../domain/internship';
import { InternshipNotFoundError } from '../../../domain/internship.errors';
import { InternshipRepository } from '../../../domain/internship.repository';
import { RecordAssessmentCommand } from './record-assessment.command';

/** A supervisor's assessment stays here until a coordinator certifies it; its comment is sealed with her data key. */
@CommandHandler(RecordAssessmentCommand)
export class RecordAssessmentHandler implements ICommandHandler<RecordAssessmentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly internships: InternshipRepository,
    private readonly keys: CandidateDataKeys,
    private readonly candidates: CandidateRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ internshipId, input, ctx }: RecordAssessmentCommand): Promise<{ assessmentId: string }> {
    return this.dataSource.transaction(async (em) => {
      const internship = await this.internships.findInternship(em, internshipId);
      if (!internship) throw new InternshipNotFoundError(internshipId);
      // Her row lock orders this write after a concurrent erasure, which then answers 404 instead of a failed insert.
      await this.candidates.lock(em, internship.candidateId);
      checkAssessment(internship, input, this.clock.today());
      const assessmentId = randomUUID();
      const comment =
        input.comment === undefined
          ? null
          : await this.keys.seal(em, internship.candidateId, `assessment-comment:${assessmentId}`, input.comment);
      await this.internships.insertAssessment(em, {
        assessmentId,
        internshipId,
        candidateId: internship.candidateId,
        taskId: input.taskId,
        level: input.level,
        assessedOn: input.assessedOn,
        comment,
        assessedBy: ctx.actor,
      });
      return { assessmentId };
    });
  }
}
