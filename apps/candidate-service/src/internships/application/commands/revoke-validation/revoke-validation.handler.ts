import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskValidationRevokedV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { DataSource } from 'typeorm';
import { CandidateRepository } from '../../../../candidates/domain/candidate.repository';
import type { TaskLevel } from '../../../domain/internship';
import { ValidationNotFoundError } from '../../../domain/internship.errors';
import { revoke } from '../../../domain/task-validations';
import { InternshipRepository } from '../../../domain/internship.repository';
import { RevokeValidationCommand } from './revoke-validation.command';

@CommandHandler(RevokeValidationCommand)
export class RevokeValidationHandler implements ICommandHandler<RevokeValidationCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly internships: InternshipRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({
    validationId,
    reason,
    ctx,
  }: RevokeValidationCommand): Promise<{ validationId: string; taskId: string; effectiveLevel: TaskLevel | null }> {
    return this.dataSource.transaction(async (em) => {
      const found = await this.internships.findValidation(em, validationId);
      if (!found) throw new ValidationNotFoundError(validationId);
      await this.candidates.lock(em, found.candidateId);
      const history = await this.internships.validationsOnTask(em, found.candidateId, found.taskId);
      const { effectiveLevel } = revoke(history, validationId);
      await this.internships.markRevoked(em, validationId, reason, ctx.actor);
      const { revision, tenant } = await this.candidates.nextRevision(em, found.candidateId);
      await this.outbox.append(
        em,
        TaskValidationRevokedV1,
        { validationId, candidateId: found.candidateId, taskId: found.taskId, reason, effectiveLevel },
        { tenant, aggregateId: found.candidateId, aggregateVersion: revision, ...ctx },
      );
      return { validationId, taskId: found.taskId, effectiveLevel };
    });
  }
}
