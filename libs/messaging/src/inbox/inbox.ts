import { EventEnvelope } from '@jobbspar/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ErasureTags } from '../erasure/erasure-tags';

/**
 * Applies an event at most once per consumer: the event id is recorded in the same transaction as the effect, so a
 * redelivered event (rebalance, restart, a relay that published twice) finds its id and changes nothing.
 * Returns false for a duplicate.
 */
export async function applyOnce(
  dataSource: DataSource,
  schema: string,
  consumer: string,
  envelope: EventEnvelope,
  effect: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  return dataSource.transaction(async (em) => {
    const inserted: unknown[] = await em.query(
      `INSERT INTO "${schema}".inbox (consumer, event_id, event_type, aggregate_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, envelope.eventId, envelope.type, envelope.aggregateId],
    );
    if (inserted.length === 0) return false;
    await effect(em);
    return true;
  });
}

/**
 * The inbox rows of a whole batch in one statement, inside the batch's transaction (the caller's `em`). Returns
 * the ids (lower case) that were new: only those events are applied; the others were applied before, or appear
 * earlier in the same batch (ON CONFLICT DO NOTHING skips a row that conflicts with one the statement inserted).
 */
export async function recordOnce(
  em: EntityManager,
  schema: string,
  consumer: string,
  envelopes: readonly EventEnvelope[],
): Promise<Set<string>> {
  if (envelopes.length === 0) return new Set();
  const rows: { event_id: string }[] = await em.query(
    `INSERT INTO "${schema}".inbox (consumer, event_id, event_type, aggregate_id)
     SELECT $1::text, * FROM unnest($2::uuid[], $3::text[], $4::text[])
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, envelopes.map((e) => e.eventId), envelopes.map((e) => e.type), envelopes.map((e) => e.aggregateId)],
  );
  return new Set(rows.map((r) => r.event_id.toLowerCase()));
}

/** The inbox rows of one service, beyond applying events: what erasure needs. */
export class Inbox {
  private readonly tags: ErasureTags;

  constructor(private readonly schema: string) {
    this.tags = new ErasureTags(schema);
  }

  /**
   * Erasure: the rows of events about these aggregates no longer name them. They are kept, with the aggregate's tag
   * (libs/messaging erasure-tags.ts) in place of its id, because their event ids are what makes a redelivery of one
   * of her events a duplicate that changes nothing and writes no row: deleted, a redelivered registration would be
   * applied again, and its new inbox row would hold her id again (her events' ids link to her only through records
   * that name her anyway, on the topic until its retention). Returns how many rows were changed.
   */
  async forget(em: EntityManager, aggregateIds: readonly string[]): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('inbox erasure outside a transaction');
    if (aggregateIds.length === 0) return 0;
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE "${this.schema}".inbox i SET aggregate_id = 'erased:' || x.tag
         FROM unnest($1::text[], $2::text[]) AS x(id, tag) WHERE i.aggregate_id = x.id`,
      [aggregateIds, await this.tags.tags(em, aggregateIds)],
    );
    return affected;
  }
}
