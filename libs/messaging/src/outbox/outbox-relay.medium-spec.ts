import { ProposalWithdrawnV1, type EventEnvelope } from '@jobbspar/contracts';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxRelayPosition, createMessagingTables, dropMessagingTables, unsentOutboxRow } from '../messaging-tables';
import type { EventTransport, OutgoingMessage } from '../transport/event-transport';
import { Outbox } from './outbox';
import { envelopeHeaders, OutboxRelay, RelayPartlyPublished } from './outbox-relay';

const SCHEMA = 'relay_spec';

class RelaySpecTables1700000000000 implements MigrationInterface {
  name = 'RelaySpecTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
  }
  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, SCHEMA);
  }
}

/** A broker that records each produce request, and refuses the ones `refuse` says to. */
class RecordingTransport {
  readonly requests: OutgoingMessage[][] = [];
  refuse: (request: number) => boolean = () => false;
  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.refuse(this.requests.length + 1)) throw new Error('broker unavailable');
    this.requests.push(messages);
  }
  get sent(): OutgoingMessage[] {
    return this.requests.flat();
  }
}

/**
 * A broker with three lanes (as Kafka's producers owning partitions): a message's lane follows its key, each request
 * takes a while, and it records the requests each lane got, how many were in flight at once, and refuses the ones
 * `refuse` says to (by lane and that lane's request number).
 */
class LanedTransport {
  readonly requests: { lane: number; messages: OutgoingMessage[] }[] = [];
  readonly laneOfKey = new Map<string, number>();
  refuse: (lane: number, request: number) => boolean = () => false;
  inFlight = 0;
  mostInFlight = 0;
  private readonly perLane = [0, 0, 0];
  async lanes(messages: readonly OutgoingMessage[]): Promise<number[]> {
    return messages.map((m) => this.laneOfKey.get(m.key) ?? 0);
  }
  async publish(messages: OutgoingMessage[], lane?: number): Promise<void> {
    if (lane === undefined || messages.some((m) => this.laneOfKey.get(m.key) !== lane)) throw new Error('a request mixes lanes');
    const request = ++this.perLane[lane];
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (this.refuse(lane, request)) throw new Error(`broker refused lane ${lane}`);
      this.requests.push({ lane, messages });
    } finally {
      this.inFlight--;
    }
  }
  get sent(): OutgoingMessage[] {
    return this.requests.flatMap((r) => r.messages);
  }
}

describe(OutboxRelay.name, () => {
  let db: MediumDatabase;
  const outbox = new Outbox('matching-service', SCHEMA);
  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, migrations: [RelaySpecTables1700000000000] });
  });
  afterAll(() => db.close());
  beforeEach(() => db.query(`DELETE FROM ${SCHEMA}.outbox`));

  /** `count` events in the outbox, in order. */
  const append = (count: number): Promise<EventEnvelope[]> =>
    db.transaction(async (em) => {
      const written: EventEnvelope[] = [];
      for (let i = 0; i < count; i++) {
        const proposalId = randomUUID();
        written.push(
          await outbox.append(
            em,
            ProposalWithdrawnV1,
            { proposalId, needId: randomUUID(), candidateId: randomUUID(), reason: 'reoptimised' },
            {
              tenant: 'se-14',
              aggregateId: proposalId,
              aggregateVersion: 2,
              actor: 'system:matching-service',
              correlationId: `corr-${i}`,
            },
          ),
        );
      }
      return written;
    });
  const relayOn = (transport: RecordingTransport, batchSize: number) =>
    new OutboxRelay(db.dataSource, transport as unknown as EventTransport, {
      service: 'matching-service',
      schema: SCHEMA,
      topicPrefix: 'spec.',
      batchSize,
    });
  const unsent = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE ${unsentOutboxRow(SCHEMA)}`))[0].n;

  const withdrawal = (proposalId: string) => ({
    proposalId,
    needId: randomUUID(),
    candidateId: randomUUID(),
    reason: 'reoptimised' as const,
  });
  const context = (aggregateId: string) => ({
    tenant: 'se-14',
    aggregateId,
    aggregateVersion: 2,
    actor: 'system:matching-service',
    correlationId: 'corr-wake',
  });
  const waitFor = async (done: () => boolean, timeoutMs = 10_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('publishes every unsent event in the order written, batch after batch, each as it was stored with its headers', async () => {
    const written = await append(23);
    const transport = new RecordingTransport();

    expect(await relayOn(transport, 5).drainOnce()).toBe(23);

    expect(transport.sent.map((m) => JSON.parse(m.value).eventId)).toEqual(written.map((e) => e.eventId));
    expect(transport.requests.map((r) => r.length)).toEqual([5, 5, 5, 5, 3]);
    expect(JSON.parse(transport.sent[7].value)).toEqual(written[7]);
    expect(transport.sent[7]).toMatchObject({
      topic: 'spec.matching.proposals',
      key: written[7].aggregateId,
      headers: envelopeHeaders(written[7]),
    });
    expect(await unsent()).toBe(0);
    // Nothing twice: the next turn finds nothing to send.
    expect(await relayOn(transport, 5).drainOnce()).toBe(0);
    expect(transport.sent).toHaveLength(23);
  });

  it('keeps each produce request under the broker limit: big events go in more requests, in order', async () => {
    // About 100 kB each (as stored; the relay sends the row as it is): ten are more than one request may carry (900 kB).
    const written = await append(10);
    await db.query(`UPDATE ${SCHEMA}.outbox SET message = jsonb_set(envelope, '{padding}', to_jsonb(repeat('x', 100000)))::text`);
    const transport = new RecordingTransport();

    expect(await relayOn(transport, 500).drainOnce()).toBe(10);

    expect(transport.requests.length).toBeGreaterThan(1);
    for (const request of transport.requests) {
      expect(request.reduce((bytes, m) => bytes + Buffer.byteLength(m.value), 0)).toBeLessThanOrEqual(900 * 1024);
    }
    expect(transport.sent.map((m) => JSON.parse(m.value).eventId)).toEqual(written.map((e) => e.eventId));
  });

  it('keeps what the broker acknowledged before a failed send, and sends the rest later in order, none lost', async () => {
    const written = await append(12);
    const transport = new RecordingTransport();
    transport.refuse = (request) => request === 3;
    const relay = relayOn(transport, 4);

    const failed = await relay.drainOnce().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(RelayPartlyPublished);
    expect((failed as RelayPartlyPublished).published).toBe(8);
    expect(await unsent()).toBe(4);

    // A failure on the first batch of a turn publishes nothing and says so.
    transport.refuse = () => true;
    await expect(relay.drainOnce()).rejects.toThrow('broker unavailable');
    expect(await unsent()).toBe(4);

    transport.refuse = () => false;
    expect(await relay.drainOnce()).toBe(4);
    expect(transport.sent.map((m) => JSON.parse(m.value).eventId)).toEqual(written.map((e) => e.eventId));
  });

  describe('with a transport of several lanes', () => {
    /** Events of six aggregates (two per lane), `rounds` times round the six: keys k0..k5 in each round. */
    const appendKeyed = async (transport: LanedTransport, rounds: number): Promise<EventEnvelope[]> => {
      const keys = Array.from({ length: 6 }, () => randomUUID());
      keys.forEach((key, i) => transport.laneOfKey.set(key, i % 3));
      return db.transaction(async (em) => {
        const written: EventEnvelope[] = [];
        for (let r = 0; r < rounds; r++) {
          for (const proposalId of keys) {
            written.push(
              await outbox.append(
                em,
                ProposalWithdrawnV1,
                { proposalId, needId: randomUUID(), candidateId: randomUUID(), reason: 'reoptimised' },
                {
                  tenant: 'se-14',
                  aggregateId: proposalId,
                  aggregateVersion: r + 1,
                  actor: 'system:matching-service',
                  correlationId: `c-${r}`,
                },
              ),
            );
          }
        }
        return written;
      });
    };
    const idsByKey = (envelopes: readonly { aggregateId: string; eventId: string }[]): Map<string, string[]> => {
      const byKey = new Map<string, string[]>();
      for (const e of envelopes) byKey.set(e.aggregateId, [...(byKey.get(e.aggregateId) ?? []), e.eventId]);
      return byKey;
    };
    const sentEnvelopes = (transport: LanedTransport) => transport.sent.map((m) => JSON.parse(m.value) as EventEnvelope);
    const lanedRelay = (transport: LanedTransport, batchSize: number) =>
      new OutboxRelay(db.dataSource, transport as unknown as EventTransport, {
        service: 'matching-service',
        schema: SCHEMA,
        topicPrefix: 'spec.',
        batchSize,
      });

    it('sends the lanes at the same time, each in order, so every key keeps the order it was written in', async () => {
      const transport = new LanedTransport();
      const written = await appendKeyed(transport, 4);

      expect(await lanedRelay(transport, 6).drainOnce()).toBe(24);

      expect(transport.mostInFlight).toBe(3);
      // Each batch of six went out as one request per lane (two keys each), four batches.
      expect(transport.requests.map((r) => r.messages.length)).toEqual(new Array(12).fill(2));
      expect(idsByKey(sentEnvelopes(transport))).toEqual(idsByKey(written));
      // Compact JSON (consumers' tests match raw message text), the envelope as stored, with its headers.
      const ninth = transport.sent.find((m) => JSON.parse(m.value).eventId === written[9].eventId)!;
      expect(ninth.value).toBe(JSON.stringify(JSON.parse(ninth.value)));
      expect(JSON.parse(ninth.value)).toEqual(written[9]);
      expect(ninth.headers).toEqual(envelopeHeaders(written[9]));
      expect(await unsent()).toBe(0);
    });

    it("keeps the other lanes' rows sent when one lane's send fails, and sends that lane's rows next turn, in order, none twice", async () => {
      const transport = new LanedTransport();
      const written = await appendKeyed(transport, 4);
      // Lane 1's second request (in the second batch) fails; its first was acknowledged.
      transport.refuse = (lane, request) => lane === 1 && request === 2;
      const relay = lanedRelay(transport, 6);

      const failed = await relay.drainOnce().catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(RelayPartlyPublished);
      // Batch one whole (6) and the second batch's lanes 0 and 2 (4); the turn stops there.
      expect((failed as RelayPartlyPublished).published).toBe(10);
      const unsentIds = await db.query<{ event_id: string }>(
        `SELECT event_id FROM ${SCHEMA}.outbox WHERE ${unsentOutboxRow(SCHEMA)} ORDER BY id`,
      );
      const lane1Batch2 = written.slice(6, 12).filter((e) => transport.laneOfKey.get(e.aggregateId) === 1);
      expect(unsentIds.map((r) => r.event_id)).toEqual([...lane1Batch2, ...written.slice(12)].map((e) => e.eventId));
      const sentFirst = new Set(sentEnvelopes(transport).map((e) => e.eventId));
      expect(sentFirst.size).toBe(10);
      for (const e of written.slice(0, 12)) {
        expect(sentFirst.has(e.eventId)).toBe(transport.laneOfKey.get(e.aggregateId) !== 1 || written.indexOf(e) < 6);
      }

      transport.refuse = () => false;
      expect(await relay.drainOnce()).toBe(14);
      expect(await unsent()).toBe(0);
      const all = sentEnvelopes(transport);
      expect(all).toHaveLength(24);
      expect(idsByKey(all)).toEqual(idsByKey(written));
    });
  });

  describe('its position', () => {
    const position = async () => (await db.query<{ at: string }>(`SELECT sent_through::text AS at FROM ${SCHEMA}.outbox_relay`))[0].at;
    const ids = async () =>
      (await db.query<{ id: string }>(`SELECT o.id::text AS id FROM ${SCHEMA}.outbox o ORDER BY o.id`)).map((r) => r.id);
    /** Transactions a failed case left open would hold every later case's horizon back. */
    const open = new Set<QueryRunner>();
    afterEach(async () => {
      for (const runner of open) await runner.rollbackTransaction().finally(() => runner.release());
      open.clear();
    });
    /** A transaction that has appended an event and has not committed: its row's id is below those appended after it. */
    async function openAppend(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }> {
      const runner = db.dataSource.createQueryRunner();
      await runner.startTransaction();
      open.add(runner);
      const proposalId = randomUUID();
      await outbox.append(
        runner.manager,
        ProposalWithdrawnV1,
        { proposalId, needId: randomUUID(), candidateId: randomUUID(), reason: 'reoptimised' },
        { tenant: 'se-14', aggregateId: proposalId, aggregateVersion: 1, actor: 'system:matching-service', correlationId: 'slow' },
      );
      const end = async (how: 'commit' | 'rollback') => {
        open.delete(runner);
        await (how === 'commit' ? runner.commitTransaction() : runner.rollbackTransaction());
        await runner.release();
      };
      return { commit: () => end('commit'), rollback: () => end('rollback') };
    }

    it('moves past what it sent without rewriting the rows it sent', async () => {
      await append(7);
      expect(await relayOn(new RecordingTransport(), 3).drainOnce()).toBe(7);
      const all = await ids();
      expect(await position()).toBe(all[all.length - 1]);
      const [{ marked }] = await db.query<{ marked: number }>(
        `SELECT count(*)::int AS marked FROM ${SCHEMA}.outbox WHERE published_at IS NOT NULL`,
      );
      expect(marked).toBe(0);
    });

    it('never passes an id whose transaction commits later: that event is sent when it commits, and nothing twice', async () => {
      await append(2);
      const slow = await openAppend();
      const after = await append(3);
      const transport = new RecordingTransport();
      const relay = relayOn(transport, 10);
      const before = await position();

      // The three committed after the slow one went out; the position stays below the slow one's id.
      expect(await relay.drainOnce()).toBe(5);
      const [first, second] = await ids();
      expect(await position()).toBe(second);
      expect(BigInt(await position())).toBeGreaterThan(BigInt(before));
      expect(first).toBeDefined();

      await slow.commit();
      expect(await relay.drainOnce()).toBe(1);
      const sentIds = transport.sent.map((m) => JSON.parse(m.value).eventId);
      expect(new Set(sentIds).size).toBe(6);
      expect(sentIds.slice(2, 5)).toEqual(after.map((e) => e.eventId));
      // Past the slow one and over the rows sent while it waited.
      const all = await ids();
      expect(await position()).toBe(all[all.length - 1]);
      expect(await unsent()).toBe(0);
      expect(await relay.drainOnce()).toBe(0);
      expect(transport.sent).toHaveLength(6);
    });

    it('passes an id whose transaction rolled back once no transaction running when it saw the gap is left', async () => {
      const slow = await openAppend();
      await append(2);
      const transport = new RecordingTransport();
      const relay = relayOn(transport, 10);
      expect(await relay.drainOnce()).toBe(2);
      await slow.rollback();
      const all = await ids();
      // Other suites' transactions on the same server may hold the horizon back for a moment: turns until it passes.
      for (let turn = 0; turn < 200 && (await position()) !== all[all.length - 1]; turn++) {
        expect(await relay.drainOnce()).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await position()).toBe(all[all.length - 1]);
      expect(transport.sent).toHaveLength(2);
    });
  });

  it('takes over an outbox of before (rows marked one by one, no stored message): sends exactly the unmarked ones, once', async () => {
    const OLD = 'relay_spec_old';
    await db.query(`CREATE SCHEMA ${OLD}`);
    await db.query(`CREATE TABLE ${OLD}.outbox (LIKE ${SCHEMA}.outbox INCLUDING DEFAULTS)`);
    await db.query(`ALTER TABLE ${OLD}.outbox ADD PRIMARY KEY (id), DROP COLUMN message`);
    await db.query(`CREATE INDEX outbox_unpublished_idx ON ${OLD}.outbox (id) WHERE published_at IS NULL`);
    const written = await append(6);
    // Copied as the relay of before left them: the first two and the fourth marked sent, no message column.
    await db.query(
      `INSERT INTO ${OLD}.outbox (id, event_id, topic, message_key, event_type, envelope, created_at, traceparent, forget_once_published, published_at)
       SELECT id, event_id, topic, message_key, event_type, envelope, created_at, traceparent, forget_once_published,
              CASE WHEN row_number() OVER (ORDER BY id) IN (1, 2, 4) THEN now() END
         FROM ${SCHEMA}.outbox`,
    );
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await addOutboxRelayPosition(runner, OLD, 'matching-service');
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const [{ at }] = await db.query<{ at: string }>(`SELECT sent_through::text AS at FROM ${OLD}.outbox_relay`);
    const [, second] = await db.query<{ id: string }>(`SELECT o.id::text AS id FROM ${OLD}.outbox o ORDER BY o.id`);
    expect(at).toBe(second.id);
    const transport = new RecordingTransport();
    const relay = new OutboxRelay(db.dataSource, transport as unknown as EventTransport, {
      service: 'matching-service',
      schema: OLD,
      topicPrefix: 'spec.',
      batchSize: 10,
    });
    expect(await relay.drainOnce()).toBe(3);
    expect(transport.sent.map((m) => JSON.parse(m.value).eventId)).toEqual([2, 4, 5].map((i) => written[i].eventId));
    // Printed from the stored envelope as compact JSON, as the relay of before sent it.
    expect(transport.sent[0].value).toBe(JSON.stringify(JSON.parse(transport.sent[0].value)));
    expect(await relay.drainOnce()).toBe(0);
    await db.query(`DROP SCHEMA ${OLD} CASCADE`);
  });

  it('publishes as soon as a transaction of its process that appended commits, not at its next poll; a rolled-back one wakes nothing', async () => {
    const transport = new RecordingTransport();
    const published = jest.fn();
    transport.publish = async (messages: OutgoingMessage[]) => {
      transport.requests.push(messages);
      published(Date.now());
    };
    // A poll far beyond the test's patience: only the wake-up after the commit can publish in time.
    const relay = new OutboxRelay(db.dataSource, transport as unknown as EventTransport, {
      service: 'matching-service',
      schema: SCHEMA,
      topicPrefix: 'spec.',
      pollMs: 60_000,
    });
    const drains = jest.spyOn(relay, 'drainOnce');
    const subscribers = db.dataSource.subscribers.length;
    relay.start();
    try {
      // Its first turn (at start) finds nothing and waits for the poll.
      await waitFor(() => drains.mock.calls.length === 1 && transport.requests.length === 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const turnsBefore = drains.mock.calls.length;
      await expect(
        db.transaction(async (em) => {
          const proposalId = randomUUID();
          await outbox.append(em, ProposalWithdrawnV1, withdrawal(proposalId), context(proposalId));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(drains.mock.calls.length).toBe(turnsBefore);

      const committedAt = Date.now();
      const [written] = await append(1);
      await waitFor(() => transport.sent.length === 1);
      expect(JSON.parse(transport.sent[0].value).eventId).toBe(written.eventId);
      expect(published.mock.calls[0][0] - committedAt).toBeLessThan(10_000);
    } finally {
      await relay.stop();
    }
    // Stopped, it listens to no commit any more.
    expect(db.dataSource.subscribers).toHaveLength(subscribers);
  });

  it('lets one relay of a schema publish at a time: a second one waits its turn and sends nothing twice', async () => {
    await append(6);
    const first = new RecordingTransport();
    const second = new RecordingTransport();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.assign(first, {
      publish: async (messages: OutgoingMessage[]) => {
        await held;
        first.requests.push(messages);
      },
    });

    const busy = relayOn(slow, 10).drainOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await relayOn(second, 10).drainOnce()).toBe(0);
    release();
    expect(await busy).toBe(6);
    expect(second.sent).toHaveLength(0);
  });
});
