import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@jobbspar/contracts';
import { ReceivedEvent } from '@jobbspar/messaging';
import { ApplyReadModelEventCommand } from '../../application/commands/apply-read-model-event/apply-read-model-event.command';

/**
 * The employer (employers, needs) and candidate streams the read models are built from. The pipeline has validated the event and
 * opened the inbox transaction (`event.em`); a redelivered event is skipped before it gets here.
 */
@Controller()
export class ReadModelConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.employers)
  async onEmployerEvent(event: ReceivedEvent): Promise<void> {
    await this.apply(event);
  }

  @EventPattern(Topics.needs)
  async onNeedEvent(event: ReceivedEvent): Promise<void> {
    await this.apply(event);
  }

  @EventPattern(Topics.candidates)
  async onCandidateEvent(event: ReceivedEvent): Promise<void> {
    await this.apply(event);
  }

  private async apply(event: ReceivedEvent): Promise<void> {
    const cause = { actor: 'system:matching-service', correlationId: event.envelope.correlationId, causationId: event.envelope.eventId };
    await this.commands.execute(new ApplyReadModelEventCommand(event.contract, event.payload, event.em, cause, event.batch));
  }
}
