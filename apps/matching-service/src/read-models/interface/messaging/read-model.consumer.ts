import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { Topics } from '@jobbspar/contracts';
import { ReceivedEvent } from '@jobbspar/messaging';
import { MatchingEngine } from '../../../matching/application/matching.engine';
import { ReadModelProjector } from '../../infrastructure/read-model.projector';

/**
 * Builds the read models from the employer and candidate streams and, in the same inbox transaction, lets matching
 * react to what changed: a duplicate is stopped by the inbox, an older snapshot by its revision.
 */
@Controller()
export class ReadModelConsumer {
  private readonly projector = new ReadModelProjector('matching');

  constructor(private readonly engine: MatchingEngine) {}

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
    // Take the matching lock before touching the read models, so that no solve sees half of this change.
    await this.engine.enter(event.em, cause);
    const change = await this.projector.apply(event.em, event.contract, event.payload);
    await this.engine.onReadModelChange(event.em, change, cause);
  }
}
