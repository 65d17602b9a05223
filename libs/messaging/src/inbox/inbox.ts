import { EventEnvelope } from '@jobbspar/contracts';
import { DataSource, EntityManager } from 'typeorm';

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

/** The inbox rows of one service, beyond applying events: what erasure needs. */
export class Inbox {
  constructor(private readonly schema: string) {}

  /** Erasure: forgets which events about these aggregates were applied. Returns how many rows went. */
  async forget(em: EntityManager, aggregateIds: readonly string[]): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('inbox erasure outside a transaction');
    const [, affected]: [unknown, number] = await em.query(`DELETE FROM "${this.schema}".inbox WHERE aggregate_id = ANY($1)`, [
      aggregateIds,
    ]);
    return affected;
  }
}
