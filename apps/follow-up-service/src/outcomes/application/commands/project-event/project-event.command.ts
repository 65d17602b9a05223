import { Command } from '@nestjs/cqrs';
import type { ReceivedEvent } from '@jobbspar/messaging';

/** Applies one validated event to the outcome projection, inside the event's inbox transaction (`event.em`). */
export class ProjectEventCommand extends Command<void> {
  constructor(readonly event: ReceivedEvent) {
    super();
  }
}
