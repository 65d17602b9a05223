import { CandidateErasedV1, PlacementEndedV1 } from '@jobbspar/contracts';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Inbox } from '../inbox/inbox';
import { createMessagingTables } from '../messaging-tables';
import { Outbox } from './outbox';

const SCHEMA = 'erasure_spec';

class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
  }
  async down(): Promise<void> {}
}

describe('Outbox.forget and Inbox.forget (erasure of every row about her)', () => {
  let db: MediumDatabase;
  const outbox = new Outbox('candidate-service', SCHEMA);
  // Rows another producer wrote (the key of an event is its contract's), erased by the same SQL.
  const placements = new Outbox('matching-service', SCHEMA);
  const inbox = new Inbox(SCHEMA);
  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, migrations: [MessagingTables1763900000000] });
  });
  afterAll(() => db?.close());

  const ctx = (aggregateId: string) => ({ tenant: 'se-14', aggregateId, aggregateVersion: 1, actor: 'spec', correlationId: 'corr-1' });
  const ended = (placementId: string, candidateId: string) => ({
    placementId,
    needId: randomUUID(),
    candidateId,
    endDate: '2030-01-01',
    outcome: 'employed' as const,
  });
  const keys = () => db.query<{ message_key: string }>(`SELECT message_key FROM ${SCHEMA}.outbox ORDER BY id`);

  it("deletes her rows, published or not, by aggregate and by the id in their payload, and nobody else's", async () => {
    const her = randomUUID();
    const herPlacement = randomUUID();
    const other = randomUUID();
    await db.transaction(async (em) => {
      await outbox.append(em, CandidateErasedV1, { candidateId: her, erasedAt: '2030-01-01T00:00:00.000Z' }, ctx(her));
      // Keyed by something else, but naming her in the payload.
      const elsewhere = randomUUID();
      await placements.append(em, PlacementEndedV1, ended(elsewhere, her), ctx(elsewhere));
      // Keyed by one of her aggregates.
      await placements.append(em, PlacementEndedV1, ended(herPlacement, other), ctx(herPlacement));
      await outbox.append(em, CandidateErasedV1, { candidateId: other, erasedAt: '2030-01-01T00:00:00.000Z' }, ctx(other));
    });
    await db.query(`UPDATE ${SCHEMA}.outbox SET published_at = now() WHERE message_key = $1`, [her]);

    const forgotten = await db.transaction((em) =>
      outbox.forget(em, { aggregateIds: [her, herPlacement], payloadField: 'candidateId', value: her }),
    );

    expect(forgotten).toBe(3);
    expect(await keys()).toEqual([{ message_key: other }]);
  });

  it('forgets the inbox rows of her aggregates only', async () => {
    const her = randomUUID();
    const other = randomUUID();
    for (const aggregateId of [her, her, other]) {
      await db.query(`INSERT INTO ${SCHEMA}.inbox (consumer, event_id, event_type, aggregate_id) VALUES ('c', $1, 'T', $2)`, [
        randomUUID(),
        aggregateId,
      ]);
    }

    expect(await db.transaction((em) => inbox.forget(em, [her]))).toBe(2);
    expect(await db.query(`SELECT aggregate_id FROM ${SCHEMA}.inbox`)).toEqual([{ aggregate_id: other }]);
  });

  it('refuses to erase outside a transaction', async () => {
    await expect(outbox.forget(db.dataSource.manager, { aggregateIds: [], payloadField: 'candidateId', value: 'x' })).rejects.toThrow(
      /outside a transaction/,
    );
    await expect(inbox.forget(db.dataSource.manager, [])).rejects.toThrow(/outside a transaction/);
  });
});
