import { CandidateErasedV1, PlacementEndedV1 } from '@jobbspar/contracts';
import { createIdempotencyTable, IdempotencyRecords } from '@jobbspar/platform';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { createHash, randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createErasureKey, erasureTag, ErasureTags } from '../erasure/erasure-tags';
import { Inbox } from '../inbox/inbox';
import { createMessagingTables, unsentOutboxRow } from '../messaging-tables';
import { InProcessBroker, InProcessTransport } from '../transport/in-process.transport';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

const SCHEMA = 'erasure_spec';

class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
    await createErasureKey(q, SCHEMA);
    await createIdempotencyTable(q, SCHEMA);
  }
  async down(): Promise<void> {}
}

describe('Outbox.forget, Inbox.forget, erasure tags and recorded responses (erasure of every row about her)', () => {
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

  it('keeps the inbox rows of her aggregates, so a redelivery stays a duplicate, with her tag in place of her id', async () => {
    const her = randomUUID();
    const other = randomUUID();
    const herEvent = randomUUID();
    for (const [eventId, aggregateId] of [
      [herEvent, her],
      [randomUUID(), her],
      [randomUUID(), other],
    ]) {
      await db.query(`INSERT INTO ${SCHEMA}.inbox (consumer, event_id, event_type, aggregate_id) VALUES ('c', $1, 'T', $2)`, [
        eventId,
        aggregateId,
      ]);
    }

    expect(await db.transaction((em) => inbox.forget(em, [her]))).toBe(2);

    const [{ key }] = await db.query<{ key: Buffer }>(`SELECT key FROM ${SCHEMA}.erasure_key`);
    const rows = await db.query<{ aggregate_id: string; n: number }>(
      `SELECT aggregate_id, count(*)::int AS n FROM ${SCHEMA}.inbox GROUP BY aggregate_id`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { aggregate_id: other, n: 1 },
        { aggregate_id: `erased:${erasureTag(key, her)}`, n: 2 },
      ]),
    );
    expect(JSON.stringify(await db.query(`SELECT * FROM ${SCHEMA}.inbox`))).not.toContain(her);
    // Her event redelivered: still a duplicate.
    const again = await db.query(
      `INSERT INTO ${SCHEMA}.inbox (consumer, event_id, event_type, aggregate_id) VALUES ('c', $1, 'T', $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [herEvent, her],
    );
    expect(again).toEqual([]);
  });

  it('deletes the rows marked to be forgotten once the relay has sent them, and keeps the others as sent', async () => {
    const her = randomUUID();
    const other = randomUUID();
    await db.transaction(async (em) => {
      await outbox.append(em, CandidateErasedV1, { candidateId: her, erasedAt: '2030-01-01T00:00:00.000Z' }, ctx(her));
      await outbox.append(em, CandidateErasedV1, { candidateId: other, erasedAt: '2030-01-01T00:00:00.000Z' }, ctx(other));
      expect(await outbox.forgetOncePublished(em, { aggregateIds: [her], payloadField: 'candidateId', value: her })).toBe(1);
    });
    const broker = new InProcessBroker();
    const relay = new OutboxRelay(db.dataSource, new InProcessTransport(broker), {
      service: 'candidate-service',
      schema: SCHEMA,
      topicPrefix: 'erasure-spec.',
    });

    expect(await relay.drainOnce()).toBeGreaterThanOrEqual(2);

    const sent = broker.log('erasure-spec.candidate.candidates').messages.map((m) => m.key);
    expect(sent).toEqual(expect.arrayContaining([her, other]));
    const left = await db.query<{ message_key: string; published: boolean }>(
      `SELECT message_key, NOT ${unsentOutboxRow(SCHEMA)} AS published FROM ${SCHEMA}.outbox WHERE message_key = ANY($1)`,
      [[her, other]],
    );
    expect(left).toEqual([{ message_key: other, published: true }]);
  });

  it("tags an id under the schema's own key: the same id the same tag, in any case; no plain hash of it", async () => {
    const tags = new ErasureTags(SCHEMA);
    const her = randomUUID();
    const [{ key }] = await db.query<{ key: Buffer }>(`SELECT key FROM ${SCHEMA}.erasure_key`);
    expect(key).toHaveLength(32);

    const tag = await db.transaction((em) => tags.tag(em, her));
    expect(tag).toBe(erasureTag(key, her));
    expect(await db.transaction((em) => tags.tags(em, [her.toUpperCase(), randomUUID()]))).toEqual([tag, expect.not.stringMatching(tag)]);
    expect(tag).not.toContain(her);
    expect(tag).not.toBe(createHash('sha256').update(her).digest('base64url'));
    // Another key (another schema, another database) gives another tag: tags mean nothing apart from their key.
    expect(erasureTag(Buffer.alloc(32, 1), her)).not.toBe(tag);
  });

  it('answers a repeat of a request whose recorded response named her with 404, and forgets a key that was her id', async () => {
    const her = randomUUID();
    const records = new IdempotencyRecords(SCHEMA);
    const insert = (key: string, body: object) =>
      db.query(
        `INSERT INTO ${SCHEMA}.idempotency_keys (key, fingerprint, completed_at, response_status, response_body) VALUES ($1, 'f', now(), 201, $2)`,
        [key, JSON.stringify(body)],
      );
    await insert('registration-1', { candidateId: her });
    await insert(her, { ok: true });
    await insert('someone-else', { candidateId: randomUUID() });

    expect(await db.transaction((em) => records.forgetResultsNaming(em, her))).toBe(2);

    const rows = await db.query<{ key: string; response_status: number; response_body: { code?: string } }>(
      `SELECT key, response_status, response_body FROM ${SCHEMA}.idempotency_keys ORDER BY key`,
    );
    expect(rows.map((r) => [r.key, r.response_status, r.response_body.code ?? null])).toEqual([
      ['registration-1', 404, 'RESULT_ERASED'],
      ['someone-else', 201, null],
    ]);
    expect(JSON.stringify(rows)).not.toContain(her);
  });

  it('refuses to erase outside a transaction', async () => {
    await expect(outbox.forget(db.dataSource.manager, { aggregateIds: [], payloadField: 'candidateId', value: 'x' })).rejects.toThrow(
      /outside a transaction/,
    );
    await expect(inbox.forget(db.dataSource.manager, [])).rejects.toThrow(/outside a transaction/);
    await expect(
      outbox.forgetOncePublished(db.dataSource.manager, { aggregateIds: [], payloadField: 'candidateId', value: 'x' }),
    ).rejects.toThrow(/outside a transaction/);
    await expect(new IdempotencyRecords(SCHEMA).forgetResultsNaming(db.dataSource.manager, 'x')).rejects.toThrow(/outside a transaction/);
  });
});
