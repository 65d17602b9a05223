import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CandidateDataKeys } from '../../../../candidates/application/candidate-data-keys';
import { InternshipNotFoundError } from '../../../domain/internship.errors';
import { InternshipRepository } from '../../../domain/internship.repository';
import { GetInternshipQuery, InternshipView } from './get-internship.query';

@QueryHandler(GetInternshipQuery)
export class GetInternshipHandler implements IQueryHandler<GetInternshipQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly internships: InternshipRepository,
    private readonly keys: CandidateDataKeys,
  ) {}

  async execute({ internshipId }: GetInternshipQuery): Promise<InternshipView> {
    const em = this.dataSource.manager;
    const internship = await this.internships.findInternship(em, internshipId);
    if (!internship) throw new InternshipNotFoundError(internshipId);
    const assessments = await this.internships.assessments(em, { internshipId });
    return {
      ...internship,
      assessments: await Promise.all(
        assessments.map(async (a) => ({
          assessmentId: a.assessmentId,
          taskId: a.taskId,
          level: a.level,
          assessedOn: a.assessedOn,
          comment: a.comment ? await this.keys.open(em, a.candidateId, `assessment-comment:${a.assessmentId}`, a.comment) : null,
          validationId: a.validationId,
        })),
      ),
    };
  }
}
