import { ProposalWithdrawnV1 } from '@jobbspar/contracts';
import { FixedClock, MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '../messaging-tables';
import { Outbox } from './outbox';

const SCHEMA = 'outbox_spec';

class OutboxSpecTables1700000000000 implements MigrationInterface {
  name = 'OutboxSpecTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
  }
  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, SCHEMA);
  }
}

describe(Outbox.name, () => {
  let db: MediumDatabase;
  const outbox = new Outbox('matching-service', SCHEMA);
  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, migrations: [OutboxSpecTables1700000000000] });
  });
  afterAll(() => db.close());

  const withdrawn = (candidateId: string) =>
    db.transaction(async (em) => {
      const proposalId = randomUUID();
      const envelope = await outbox.append(
        em,
        ProposalWithdrawnV1,
        { proposalId, needId: randomUUID(), candidateId, reason: 'reoptimised' },
        {
          tenant: 'se-14',
          aggregateId: proposalId,
          aggregateVersion: 2,
          actor: 'system:matching-service',
          correlationId: 'corr-outbox-01',
        },
      );
      return envelope.eventId;
    });
  const entryOf = () => {
    const proposalId = randomUUID();
    return {
      contract: ProposalWithdrawnV1,
      payload: { proposalId, needId: randomUUID(), candidateId: randomUUID(), reason: 'reoptimised' as const },
      ctx: { tenant: 'se-14', aggregateId: proposalId, aggregateVersion: 1, actor: 'system:matching-service' },
    };
  };
  const publish = (eventId: string) => db.query(`UPDATE ${SCHEMA}.outbox SET published_at = now() WHERE event_id = $1`, [eventId]);
  const held = async () => (await db.query<{ event_id: string }>(`SELECT event_id FROM ${SCHEMA}.outbox`)).map((r) => r.event_id);

  it("forgets what was published about her and nothing else: her unpublished events stay to be sent, others' stay", async () => {
    const her = randomUUID();
    const someoneElse = randomUUID();
    const [sent, sentToo, pending, others] = [
      await withdrawn(her),
      await withdrawn(her),
      await withdrawn(her),
      await withdrawn(someoneElse),
    ];
    await publish(sent);
    await publish(sentToo);
    await publish(others);

    const forgotten = await db.transaction((em) => outbox.forgetPublished(em, 'candidateId', her));

    expect(forgotten).toBe(2);
    expect((await held()).sort()).toEqual([pending, others].sort());
  });

  it('writes and erases only inside a transaction', async () => {
    const em = db.dataSource.manager;
    await expect(outbox.forgetPublished(em, 'candidateId', randomUUID())).rejects.toThrow('outside a transaction');
    await expect(
      outbox.append(
        em,
        ProposalWithdrawnV1,
        { proposalId: randomUUID(), needId: randomUUID(), candidateId: randomUUID(), reason: 'reoptimised' },
        {
          tenant: 'se-14',
          aggregateId: randomUUID(),
          aggregateVersion: 1,
          actor: 'system:matching-service',
          correlationId: 'corr-outbox-02',
        },
      ),
    ).rejects.toThrow('outside a transaction');
  });

  describe('appendMany', () => {
    const entry = (proposalId: string, version: number, candidateId = randomUUID()) => ({
      contract: ProposalWithdrawnV1,
      payload: { proposalId, needId: randomUUID(), candidateId, reason: 'reoptimised' as const },
      ctx: { tenant: 'se-14', aggregateId: proposalId, aggregateVersion: version, actor: 'system:matching-service' },
    });

    it('writes many events in one statement, their ids ascending in the order given (the order the relay sends)', async () => {
      const keys = [randomUUID(), randomUUID(), randomUUID()];
      // Interleaved keys, each key's versions in order.
      const entries = Array.from({ length: 120 }, (_, i) => entry(keys[i % 3], Math.floor(i / 3) + 1));
      const envelopes = await db.transaction((em) => outbox.appendMany(em, entries));
      const rows = await db.query<{ event_id: string; message_key: string; envelope: { aggregateVersion: number; payload: object } }>(
        `SELECT event_id, message_key, envelope FROM ${SCHEMA}.outbox WHERE event_id = ANY($1::uuid[]) ORDER BY id`,
        [envelopes.map((e) => e.eventId)],
      );
      expect(rows.map((r) => r.event_id)).toEqual(envelopes.map((e) => e.eventId));
      for (const key of keys) {
        const versions = rows.filter((r) => r.message_key === key).map((r) => r.envelope.aggregateVersion);
        expect(versions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      }
      expect(rows[7].envelope.payload).toEqual(entries[7].payload);
    });

    it('writes none of them when one is invalid, and refuses to write outside a transaction', async () => {
      const before = (await held()).length;
      const bad = { ...entry(randomUUID(), 1), payload: { ...entry(randomUUID(), 1).payload, reason: 'because' as never } };
      await expect(db.transaction((em) => outbox.appendMany(em, [entry(randomUUID(), 1), bad, entry(randomUUID(), 1)]))).rejects.toThrow();
      expect((await held()).length).toBe(before);
      await expect(outbox.appendMany(db.dataSource.manager, [entry(randomUUID(), 1)])).rejects.toThrow(/outside a transaction/);
    });
  });

  it("dates each event by the service's clock when it has one (the demo and tests that travel in time), else by now", async () => {
    const travelled = new Outbox('matching-service', SCHEMA, new FixedClock(new Date('2026-04-03T10:00:00Z')));
    const before = Date.now();
    const [a, b] = [entryOf(), entryOf()];
    const [one, many, system] = await db.transaction(async (em) => [
      await travelled.append(em, a.contract, a.payload, a.ctx),
      (await travelled.appendMany(em, [entryOf()]))[0],
      await outbox.append(em, b.contract, b.payload, b.ctx),
    ]);
    expect(one.occurredAt).toBe('2026-04-03T10:00:00.000Z');
    expect(many.occurredAt).toBe('2026-04-03T10:00:00.000Z');
    expect(Date.parse(system.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    const stored = await db.query<{ envelope: { occurredAt: string } }>(`SELECT envelope FROM ${SCHEMA}.outbox WHERE event_id = $1`, [
      one.eventId,
    ]);
    expect(stored[0].envelope.occurredAt).toBe('2026-04-03T10:00:00.000Z');
  });
});
