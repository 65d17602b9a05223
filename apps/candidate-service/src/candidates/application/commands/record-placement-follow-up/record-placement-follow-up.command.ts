import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { PlacementFollowUpRecord } from '../../../domain/placement.repository';
import type { PlacementOutcome } from '../record-placement-started/record-placement-started.command';

/** Runs inside the inbox transaction of the consumed FollowUpRecorded, so the effect and the inbox row commit together. */
export class RecordPlacementFollowUpCommand extends Command<PlacementOutcome> {
  constructor(
    readonly candidateId: string,
    readonly followUp: PlacementFollowUpRecord,
    readonly em: EntityManager,
  ) {
    super();
  }
}
