import { auditObject } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CandidateRepository } from '../../../../candidates/domain/candidate.repository';
import { checkPeriod } from '../../../domain/internship';
import { UnknownWorkplaceError } from '../../../domain/internship.errors';
import { InternshipRepository } from '../../../domain/internship.repository';
import { WorkplaceRepository } from '../../../domain/workplace.repository';
import { StartInternshipCommand } from './start-internship.command';

/** Internships are internal to this service: they become visible elsewhere only as certified task validations. */
@CommandHandler(StartInternshipCommand)
export class StartInternshipHandler implements ICommandHandler<StartInternshipCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly internships: InternshipRepository,
    private readonly workplaces: WorkplaceRepository,
  ) {}

  async execute({ input, ctx }: StartInternshipCommand): Promise<{ internshipId: string }> {
    checkPeriod(input);
    return this.dataSource.transaction(async (em) => {
      await this.candidates.lock(em, input.candidateId);
      if (!(await this.workplaces.exists(em, input.workplaceId))) throw new UnknownWorkplaceError(input.workplaceId);
      const internshipId = randomUUID();
      auditObject(internshipId);
      await this.internships.insertInternship(em, { internshipId, ...input }, ctx.actor);
      return { internshipId };
    });
  }
}
