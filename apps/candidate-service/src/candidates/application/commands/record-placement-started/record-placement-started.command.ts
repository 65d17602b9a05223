import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { PlacementRecord } from '../../../domain/placement.repository';

export type PlacementOutcome = 'recorded' | 'skipped';

/** Runs inside the inbox transaction of the consumed event, so the effect and the inbox row commit together. */
export class RecordPlacementStartedCommand extends Command<PlacementOutcome> {
  constructor(
    readonly candidateId: string,
    readonly placement: Omit<PlacementRecord, 'endDate' | 'outcome'>,
    readonly em: EntityManager,
  ) {
    super();
  }
}
