import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern } from '@nestjs/microservices';
import { PlacementStartedV1, Topics } from '@jobbspar/contracts';
import { isEvent, ReceivedEvent } from '@jobbspar/messaging';
import { RecordPlacementCommand } from '../../application/commands/record-placement/record-placement.command';

/**
 * Placements started by matching-service take positions of our needs. The pipeline has validated the event and
 * opened the inbox transaction (`event.em`): a redelivered event is skipped before it gets here.
 */
@Controller()
export class PlacementEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.placements)
  async onPlacementEvent(event: ReceivedEvent): Promise<void> {
    // PlacementEnded and FollowUpRecorded do not change a need: the position stays taken.
    if (!isEvent(event, PlacementStartedV1)) return;
    const { placementId, needId, employerId } = event.payload;
    await this.commands.execute(
      new RecordPlacementCommand({ placementId, needId, employerId }, event.em, {
        actor: event.envelope.actor,
        correlationId: event.envelope.correlationId,
        causationId: event.envelope.eventId,
      }),
    );
  }
}
