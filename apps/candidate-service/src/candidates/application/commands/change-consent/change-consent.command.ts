import { Command } from '@nestjs/cqrs';
import { ConsentPurpose } from '@jobbspar/contracts';
import { RequestContext } from '@jobbspar/platform';

export interface ConsentState {
  candidateId: string;
  purpose: ConsentPurpose;
  given: boolean;
  changedAt: string;
  /** False when the consent already had this value: nothing was stored or published. */
  changed: boolean;
}

export class ChangeConsentCommand extends Command<ConsentState> {
  constructor(
    readonly candidateId: string,
    readonly purpose: ConsentPurpose,
    readonly given: boolean,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
