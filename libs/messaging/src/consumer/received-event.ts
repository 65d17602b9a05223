import type { Contract, EventEnvelope } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';

/**
 * What an @EventPattern handler receives: a validated event and the transaction that also records it in the inbox.
 * Every write of the handler must go through `em`, so the effect and the inbox row commit together.
 */
export interface ReceivedEvent<P extends object = object> {
  type: string;
  envelope: EventEnvelope<P>;
  payload: P;
  contract: Contract<P>;
  em: EntityManager;
}

/** Narrows a received event to one contract version. */
export function isEvent<P extends object>(event: ReceivedEvent, contract: Contract<P>): event is ReceivedEvent<P> {
  return event.contract === (contract as unknown as Contract);
}

/** Thrown by a handler for an event that can never be applied; it goes to the dead-letter topic. */
export class PermanentEventError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
