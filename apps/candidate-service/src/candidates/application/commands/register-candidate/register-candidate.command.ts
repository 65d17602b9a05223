import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@jobbspar/platform';
import { CandidateProfile, ContactDetails, FollowUpAttributes } from '../../../domain/candidate';

export interface RegisterCandidateInput extends CandidateProfile {
  readonly personalIdentityNumber?: string;
  readonly contact: ContactDetails;
  readonly consent?: { readonly matching?: boolean };
  readonly followUp?: FollowUpAttributes;
}

export class RegisterCandidateCommand extends Command<{ candidateId: string; revision: number }> {
  constructor(
    readonly input: RegisterCandidateInput,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
