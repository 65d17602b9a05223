import type { Contract } from '@jobbspar/contracts';
import type { BatchScope } from '@jobbspar/messaging';
import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { Cause } from '../../../../common/cause';

/** An employer or candidate event, already validated, to apply inside its inbox transaction `em`. */
export class ApplyReadModelEventCommand extends Command<void> {
  constructor(
    readonly contract: Contract,
    readonly payload: object,
    readonly em: EntityManager,
    readonly cause: Cause,
    /** The batch the event came in, if any: matching then runs once at its end. */
    readonly batch?: BatchScope,
  ) {
    super();
  }
}
