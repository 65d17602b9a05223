import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@jobbspar/platform';
import type { TaskLevel } from '../../../domain/internship';

export interface CertifiedValidation {
  validationId: string;
  candidateId: string;
  taskId: string;
  level: TaskLevel;
  effectiveLevel: TaskLevel;
  supersedes: string | null;
}

export class CertifyAssessmentCommand extends Command<CertifiedValidation> {
  constructor(
    readonly assessmentId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
