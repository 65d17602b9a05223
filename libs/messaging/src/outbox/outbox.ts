import { Contract, createEnvelope, EnvelopeContext, EventEnvelope, ServiceName } from '@jobbspar/contracts';
import { EntityManager } from 'typeorm';
import { activeTraceparent, Clock } from '@jobbspar/platform';
import { unsentOutboxRow } from '../messaging-tables';

export type OutboxContext = Omit<EnvelopeContext, 'producer'>;

/**
 * The advisory lock of a schema's outbox: held by the relay for a turn (OutboxRelay: one relay at a time per schema)
 * and by an erasure's transaction from its first outbox step to its commit, so that what the relay's position says
 * is sent does not move under an erasure deciding which of her rows were sent.
 */
export function outboxLockKey(schema: string): number {
  return [...`outbox:${schema}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
}

/**
 * The transaction's id is taken before the row's id: a row's id is then never lower than one the relay has already
 * seen committed while its transaction was not yet known to be running (OutboxRelay settles gaps in the ids by
 * the transactions they could belong to).
 */
const XID_FIRST = `WITH xact AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)`;

/**
 * The outboxes (schemas) each open transaction has appended to, by its query runner: when it commits, the relay of
 * each in this process publishes at once rather than at its next poll (OutboxRelay's commit subscriber).
 */
const appendedBy = new WeakMap<object, Set<string>>();

function noteAppend(em: EntityManager, schema: string): void {
  const runner = em.queryRunner!;
  let schemas = appendedBy.get(runner);
  if (!schemas) appendedBy.set(runner, (schemas = new Set()));
  schemas.add(schema);
}

/**
 * Whether the transaction of `runner` appended to `schema`'s outbox since it began, forgetting it: asked once, when
 * it has committed or rolled back.
 */
export function takeOutboxAppend(runner: object, schema: string): boolean {
  const schemas = appendedBy.get(runner);
  if (!schemas?.delete(schema)) return false;
  if (schemas.size === 0) appendedBy.delete(runner);
  return true;
}

/** One event for `Outbox.appendMany`. */
export interface OutboxEntry<P extends object = object> {
  contract: Contract<P>;
  payload: P;
  ctx: OutboxContext;
}

/**
 * Writes integration events in the caller's transaction: the event exists if and only if the state change
 * committed. The relay publishes it later with key = aggregate id.
 */
export class Outbox {
  constructor(
    private readonly producer: ServiceName,
    private readonly schema: string,
    /**
     * The service's clock, when it has one: an event's occurredAt is when its state change happened by the clock
     * the change itself was dated with (a test or the demo that travels in time dates both alike).
     */
    private readonly clock?: Clock,
  ) {}

  private envelopeOf<P extends object>(contract: Contract<P>, payload: P, ctx: OutboxContext): EventEnvelope<P> {
    return createEnvelope(contract, payload, { occurredAt: this.clock?.now(), ...ctx, producer: this.producer });
  }

  async append<P extends object>(em: EntityManager, contract: Contract<P>, payload: P, ctx: OutboxContext): Promise<EventEnvelope<P>> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error(`outbox append of ${contract.type} outside a transaction: the event could outlive a rolled-back change`);
    }
    const envelope = this.envelopeOf(contract, payload, ctx);
    // The compact JSON the relay sends (`message`), and the same as jsonb for the policies and erasure to look into.
    await em.query(
      `${XID_FIRST}
       INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, event_type, envelope, message, traceparent)
       SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text::jsonb, $5::text, $6::text FROM xact WHERE xact.xid IS NOT NULL`,
      [envelope.eventId, contract.topic, envelope.aggregateId, envelope.type, JSON.stringify(envelope), activeTraceparent() ?? null],
    );
    noteAppend(em, this.schema);
    return envelope;
  }

  /**
   * Several events in one statement, in the caller's transaction, in the order given: their ids ascend in that
   * order, and the relay publishes in id order, so order per key is as if they were appended one by one. Every
   * payload is validated before anything is written: one invalid event writes none of them.
   */
  async appendMany(em: EntityManager, entries: readonly OutboxEntry[]): Promise<EventEnvelope[]> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error(`outbox append of ${entries.length} events outside a transaction: they could outlive a rolled-back change`);
    }
    if (entries.length === 0) return [];
    const envelopes = entries.map((e) => this.envelopeOf(e.contract, e.payload, e.ctx));
    await em.query(
      `${XID_FIRST}
       INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, event_type, envelope, message, traceparent)
       SELECT event_id, topic, message_key, event_type, message::jsonb, message, $6::text
       FROM xact, unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
         AS x(event_id, topic, message_key, event_type, message, ord)
       WHERE xact.xid IS NOT NULL
       ORDER BY ord`,
      [
        envelopes.map((e) => e.eventId),
        entries.map((e) => e.contract.topic),
        envelopes.map((e) => e.aggregateId),
        envelopes.map((e) => e.type),
        envelopes.map((e) => JSON.stringify(e)),
        // The trace the events were written under, as append keeps it, so the relay's spans continue it.
        activeTraceparent() ?? null,
      ],
    );
    noteAppend(em, this.schema);
    return envelopes;
  }

  /**
   * Erasure: deletes the rows already published whose payload names `value` in `payloadField` (e.g. every event
   * that carried a candidate's id). Rows not yet published stay until the relay has sent them: they may be the very
   * withdrawals the erasure caused. Returns how many rows went.
   */
  async forgetPublished(em: EntityManager, payloadField: string, value: string): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox erasure outside a transaction');
    await this.holdRelay(em);
    const [, affected]: [unknown, number] = await em.query(
      `DELETE FROM "${this.schema}".outbox WHERE NOT ${unsentOutboxRow(this.schema)} AND envelope->'payload'->>$1 = $2`,
      [payloadField, value],
    );
    return affected;
  }

  /** Waits for the relay's turn to end and keeps it from starting another until the caller's transaction ends. */
  private async holdRelay(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [outboxLockKey(this.schema)]);
  }

  /**
   * Erasure: the rows not published yet that name her (keyed by one of `aggregateIds`, or `value` in the payload's
   * `payloadField`) must still go out (the CandidateErased event itself, the withdrawals it caused), but not stay:
   * the relay deletes them once sent. Returns how many rows were marked.
   */
  async forgetOncePublished(
    em: EntityManager,
    by: { aggregateIds: readonly string[]; payloadField: string; value: string },
  ): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox erasure outside a transaction');
    await this.holdRelay(em);
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE "${this.schema}".outbox SET forget_once_published = true
        WHERE ${unsentOutboxRow(this.schema)} AND (message_key = ANY($1) OR envelope->'payload'->>$2 = $3)`,
      [by.aggregateIds, by.payloadField, by.value],
    );
    return affected;
  }

  /**
   * Erasure: deletes every row, published or not, keyed by one of `aggregateIds` or whose payload names `value` in
   * `payloadField` (e.g. every event that carried a candidate's id). It waits for the relay's turn to end, so a
   * batch being published cannot bring a row back. Returns how many rows went.
   */
  async forget(em: EntityManager, by: { aggregateIds: readonly string[]; payloadField: string; value: string }): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox erasure outside a transaction');
    await this.holdRelay(em);
    const [, affected]: [unknown, number] = await em.query(
      `DELETE FROM "${this.schema}".outbox WHERE message_key = ANY($1) OR envelope->'payload'->>$2 = $3`,
      [by.aggregateIds, by.payloadField, by.value],
    );
    return affected;
  }
}
