import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@jobbspar/contracts';
import type { ReceivedEvent } from '@jobbspar/messaging';
import { ProjectEventCommand } from '../../application/commands/project-event/project-event.command';

/**
 * The streams the outcome projection is built from. The pipeline has validated each event and opened its inbox
 * transaction; a redelivered event never gets here, and a replay from the topics rebuilds the same projection.
 */
@Controller()
export class OutcomeEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.candidates)
  onCandidateEvent(event: ReceivedEvent): Promise<void> {
    return this.commands.execute(new ProjectEventCommand(event));
  }

  @EventPattern(Topics.proposals)
  onProposalEvent(event: ReceivedEvent): Promise<void> {
    return this.commands.execute(new ProjectEventCommand(event));
  }

  @EventPattern(Topics.placements)
  onPlacementEvent(event: ReceivedEvent): Promise<void> {
    return this.commands.execute(new ProjectEventCommand(event));
  }

  @EventPattern(Topics.needs)
  onNeedEvent(event: ReceivedEvent): Promise<void> {
    return this.commands.execute(new ProjectEventCommand(event));
  }
}
