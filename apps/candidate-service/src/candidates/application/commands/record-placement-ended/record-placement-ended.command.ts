import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { EventContext } from '../../candidate-profile.publisher';
import type { PlacementOutcome } from '../record-placement-started/record-placement-started.command';

/** Runs inside the inbox transaction of the consumed event, so the effect and the inbox row commit together. */
export class RecordPlacementEndedCommand extends Command<PlacementOutcome> {
  constructor(
    readonly candidateId: string,
    readonly placement: { placementId: string; endDate: string; outcome: string },
    readonly em: EntityManager,
    readonly ctx: EventContext,
  ) {
    super();
  }
}
