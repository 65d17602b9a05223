import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern } from '@nestjs/microservices';
import { FollowUpRecordedV1, PlacementEndedV1, PlacementStartedV1, Topics } from '@jobbspar/contracts';
import { isEvent, type ReceivedEvent } from '@jobbspar/messaging';
import { RecordPlacementEndedCommand } from '../../application/commands/record-placement-ended/record-placement-ended.command';
import { RecordPlacementFollowUpCommand } from '../../application/commands/record-placement-follow-up/record-placement-follow-up.command';
import { RecordPlacementStartedCommand } from '../../application/commands/record-placement-started/record-placement-started.command';

/**
 * Her placements (with their support measures) and their follow-ups, for the job track and the equal-distribution
 * aggregates; the end of one restarts her waiting time. Runs in the inbox transaction (`event.em`).
 */
@Controller()
export class PlacementEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.placements)
  async onPlacementEvent(event: ReceivedEvent): Promise<void> {
    if (isEvent(event, PlacementStartedV1)) {
      const { placementId, candidateId, needId, employerId, placementType, startDate, support } = event.payload;
      await this.commands.execute(
        new RecordPlacementStartedCommand(candidateId, { placementId, needId, employerId, placementType, startDate, support }, event.em),
      );
    } else if (isEvent(event, FollowUpRecordedV1)) {
      const { placementId, candidateId, checkpointDays, status, recordedOn } = event.payload;
      await this.commands.execute(
        new RecordPlacementFollowUpCommand(candidateId, { placementId, checkpointDays, status, recordedOn }, event.em),
      );
    } else if (isEvent(event, PlacementEndedV1)) {
      const { placementId, candidateId, endDate, outcome } = event.payload;
      await this.commands.execute(
        new RecordPlacementEndedCommand(candidateId, { placementId, endDate, outcome }, event.em, {
          actor: event.envelope.actor,
          correlationId: event.envelope.correlationId,
          causationId: event.envelope.eventId,
        }),
      );
    }
  }
}
