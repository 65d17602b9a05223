import { Command } from '@nestjs/cqrs';
import { REVOCATION_REASONS } from '@jobbspar/contracts';
import { RequestContext } from '@jobbspar/platform';
import type { TaskLevel } from '../../../domain/internship';

export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export class RevokeValidationCommand extends Command<{ validationId: string; taskId: string; effectiveLevel: TaskLevel | null }> {
  constructor(
    readonly validationId: string,
    readonly reason: RevocationReason,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
