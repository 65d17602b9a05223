import { ProposalWithdrawnV1, type EventEnvelope } from '@jobbspar/contracts';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '../messaging-tables';
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
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE published_at IS NULL`))[0].n;

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
    await db.query(`UPDATE ${SCHEMA}.outbox SET envelope = jsonb_set(envelope, '{padding}', to_jsonb(repeat('x', 100000)))`);
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
