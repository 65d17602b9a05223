import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@jobbspar/platform';

export class EraseCandidateCommand extends Command<{ candidateId: string; erasedAt: string; alreadyErased: boolean }> {
  constructor(
    readonly candidateId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
