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
  /** The batch this event arrived in, when the pipeline applies several in one transaction (see BatchScope). */
  batch?: BatchScope;
}

/**
 * The events of one transport batch (one partition, in order) are applied in one transaction. A handler that can do
 * its expensive part once for the whole batch (re-scoring what the events touched, one solve) asks for it here:
 * `atEnd(key, work)` runs `work` once per key, after the batch's last event and before its commit, in the order the
 * keys were first asked for. An error in it rolls back the whole batch, like an error in any handler (the batch is
 * then applied message by message, without a scope).
 */
export interface BatchScope {
  atEnd(key: string, work: () => Promise<void>): void;
  /**
   * The batch's events that will be handled, in order (duplicates left out): what a handler may load ahead for the
   * whole batch in a few set-based queries instead of one per event.
   */
  readonly events: readonly BatchedEvent[];
}

/** One event of a batch, as its handler will receive it. */
export interface BatchedEvent {
  /** The logical topic. */
  readonly topic: string;
  readonly contract: Contract;
  readonly envelope: EventEnvelope;
  readonly payload: object;
}

/** The pipeline's side of a BatchScope: collects the end-of-batch work and runs it. */
export class EndOfBatch implements BatchScope {
  private readonly work = new Map<string, () => Promise<void>>();

  /** `timed` learns how long each key's work took (seconds), for the consumer's phase metric. */
  constructor(
    readonly events: readonly BatchedEvent[] = [],
    private readonly timed?: (key: string, seconds: number) => void,
  ) {}

  atEnd(key: string, work: () => Promise<void>): void {
    if (!this.work.has(key)) this.work.set(key, work);
  }

  async run(): Promise<void> {
    // Work may ask for more work (a key not seen yet) while it runs: run until none is left.
    const done = new Set<string>();
    for (let next = this.pending(done); next; next = this.pending(done)) {
      done.add(next[0]);
      const started = process.hrtime.bigint();
      await next[1]();
      this.timed?.(next[0], Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private pending(done: Set<string>): [string, () => Promise<void>] | undefined {
    for (const entry of this.work) if (!done.has(entry[0])) return entry;
    return undefined;
  }
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
