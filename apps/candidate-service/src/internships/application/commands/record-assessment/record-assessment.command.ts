import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@jobbspar/platform';

export class RecordAssessmentCommand extends Command<{ assessmentId: string }> {
  constructor(
    readonly internshipId: string,
    readonly input: { taskId: string; level: number; assessedOn: string; comment?: string },
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
