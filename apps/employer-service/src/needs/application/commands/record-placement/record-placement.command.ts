import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { CommandContext } from '../../../../common/tenant';

export type RecordPlacementOutcome = 'applied' | 'ignored';

/** Runs inside the inbox transaction of the consumed event, so the effect and the inbox row commit together. */
export class RecordPlacementCommand extends Command<RecordPlacementOutcome> {
  constructor(
    readonly placement: { placementId: string; needId: string; employerId: string },
    readonly em: EntityManager,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
