import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@jobbspar/platform';
import { CandidateProfile } from '../../../domain/candidate';

export class UpdateProfileCommand extends Command<{ candidateId: string; revision: number }> {
  constructor(
    readonly candidateId: string,
    /** Only the fields that change; the rest stay as they are. */
    readonly changes: Partial<CandidateProfile>,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
