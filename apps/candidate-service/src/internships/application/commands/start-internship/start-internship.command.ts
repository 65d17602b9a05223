import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@jobbspar/platform';

export class StartInternshipCommand extends Command<{ internshipId: string }> {
  constructor(
    readonly input: { candidateId: string; workplaceId: string; supervisorRole: string; startDate: string; endDate: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
