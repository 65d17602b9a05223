import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { WorkplaceRecord } from '../../../domain/workplace.repository';

/** Runs inside the inbox transaction of the consumed event, so the effect and the inbox row commit together. */
export class RecordWorkplaceCommand extends Command<void> {
  constructor(
    readonly workplace: WorkplaceRecord,
    readonly em: EntityManager,
  ) {
    super();
  }
}
