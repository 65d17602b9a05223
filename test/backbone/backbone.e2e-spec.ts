import { INestApplication } from '@nestjs/common';
import { createEnvelope, deadLetterTopic, EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import { unsentOutboxRow } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { as, testAuthConfig } from '../support/auth';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { RecordSource, unwatchRecords, watchRecords } from '../support/contract-check';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { FLAKY_FAILURES, startFixtureApp } from './backbone-fixture';

describe('messaging backbone through real Kafka and PostgreSQL', () => {
  let config: ServiceConfig;
  let dropDatabase: () => Promise<void>;
  let producer: INestApplication;
  let consumer: INestApplication | undefined;
  let probe: KafkaProbe;
  let records: RecordSource | undefined;
  let db: DataSource;
  const topic = (): string => `${config.topicPrefix}${Topics.employers}`;
  const dlq = (): string => deadLetterTopic(config.topicPrefix, 'candidate-service');

  const received = async (): Promise<{ event_id: string; aggregate_id: string; name: string }[]> =>
    db.query('SELECT event_id, aggregate_id, name FROM bb_consumer.received ORDER BY id');
  const post = (body: Record<string, unknown>) => request(producer.getHttpServer()).post('/things').set(as('admin.skane')).send(body);

  beforeAll(async () => {
    const database = await createTestDatabase('backbone');
    dropDatabase = database.drop;
    const prefix = `${uniqueName('bb')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: testInfra().brokers,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    };
    producer = await startFixtureApp(config, 'producer');
    consumer = await startFixtureApp(config, 'consumer');
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([topic(), dlq()]);
    records = probe.asSource(prefix);
    watchRecords(records);
  });

  afterAll(async () => {
    if (records) await unwatchRecords(records);
    await probe?.close();
    await consumer?.close();
    await producer?.close();
    await db?.destroy();
    await dropDatabase?.();
  });

  it('delivers an event written with its state change to a consumer in another app', async () => {
    const { body } = await post({ name: 'Skövde kommun' }).expect(201);
    const rows = await eventually(async () => (await received()).filter((r) => r.aggregate_id === body.id).length === 1 && received());
    expect(rows.find((r) => r.aggregate_id === body.id)?.name).toBe('Skövde kommun');
    const published = probe.messages.filter((m) => m.topic === topic() && m.key === body.id);
    expect(published).toHaveLength(1);
    expect(published[0].headers['event-type']).toBe('EmployerRegistered');
    const [{ sent }] = await db.query(
      `SELECT NOT ${unsentOutboxRow('bb_producer')} AS sent FROM bb_producer.outbox WHERE message_key = $1`,
      [body.id],
    );
    expect(sent).toBe(true);
  });

  it('publishes nothing for a rolled-back state change', async () => {
    const rolledBack = randomUUID();
    await post({ name: 'never', aggregateId: rolledBack, fail: true }).expect(422);
    const { body: after } = await post({ name: 'after the rollback' }).expect(201);
    await eventually(() => probe.messages.some((m) => m.key === after.id), 20000, 'the next event');
    expect(probe.messages.some((m) => m.key === rolledBack)).toBe(false);
    expect(await db.query('SELECT 1 FROM bb_producer.things WHERE id = $1', [rolledBack])).toHaveLength(0);
    expect(await db.query('SELECT 1 FROM bb_producer.outbox WHERE message_key = $1', [rolledBack])).toHaveLength(0);
  });

  it('applies a duplicate delivery once', async () => {
    const id = randomUUID();
    const envelope = createEnvelope(
      EmployerRegisteredV1,
      {
        employerId: id,
        organisationNumber: '556036-0793',
        name: 'twice',
        sector: 'private',
        municipalityCode: '1283',
        isMunicipality: false,
      },
      { producer: 'employer-service', tenant: 'se-12', aggregateId: id, aggregateVersion: 1, actor: 'test:probe' },
    );
    const message = { key: id, value: JSON.stringify(envelope) };
    await probe.produce(topic(), [message, message]);
    await probe.produce(topic(), [message]);
    const { body: marker } = await post({ name: 'marker after duplicates', aggregateId: randomUUID() }).expect(201);
    await eventually(async () => (await received()).some((r) => r.aggregate_id === marker.id), 20000, 'marker');
    // Same key, same partition: the three copies were consumed before... only the marker's partition is known, so wait for the copies too.
    await eventually(async () => (await received()).some((r) => r.aggregate_id === id), 20000, 'duplicate');
    await new Promise((r) => setTimeout(r, 500));
    expect((await received()).filter((r) => r.aggregate_id === id)).toHaveLength(1);
    const inbox = await db.query('SELECT count(*)::int AS n FROM bb_consumer.inbox WHERE event_id = $1', [envelope.eventId]);
    expect(inbox[0].n).toBe(1);
  });

  it('dead-letters a malformed message with its reason and original headers, and goes on', async () => {
    const key = randomUUID();
    await probe.produce(topic(), [
      { key, value: '{"this is": not json', headers: { 'trace-id': 'abc-123' } },
      { key, value: JSON.stringify({ eventId: randomUUID(), type: 'EmployerRegistered', schemaVersion: 99, payload: {} }) },
    ]);
    const { body } = await post({ name: 'poison', aggregateId: key }).expect(201);
    const good = await post({ name: 'good after poison', aggregateId: key }).expect(201);
    await eventually(async () => (await received()).some((r) => r.name === 'good after poison'), 30000, 'the good message');
    const letters = await eventually(
      () => {
        const found = probe.messages.filter((m) => m.topic === dlq() && m.key === key);
        return found.length >= 3 && found;
      },
      30000,
      'three dead letters',
    );
    const reasons = letters.map((l) => l.headers['dead-letter-reason']);
    expect(reasons[0]).toMatch(/unparseable JSON/);
    expect(reasons[1]).toMatch(/invalid envelope|unknown event type or version/);
    expect(reasons[2]).toMatch(/poison pill rejected by the handler/);
    expect(letters[0].headers['trace-id']).toBe('abc-123');
    expect(letters[0].value).toBe('{"this is": not json');
    expect(letters[0].headers['original-topic']).toBe(topic());
    expect(body.id).toBe(key);
    expect(good.body.id).toBe(key);
    expect((await received()).some((r) => r.name === 'poison')).toBe(false);
  });

  it('retries a transient handler failure until it is applied', async () => {
    FLAKY_FAILURES.clear();
    const { body } = await post({ name: 'flaky-1' }).expect(201);
    await eventually(async () => (await received()).some((r) => r.aggregate_id === body.id), 30000, 'flaky applied');
    expect([...FLAKY_FAILURES.values()]).toEqual([2]);
    expect(probe.messages.some((m) => m.topic === dlq() && m.key === body.id)).toBe(false);
  });

  it('keeps order per aggregate key', async () => {
    const keys: string[] = [randomUUID(), randomUUID(), randomUUID()];
    for (let seq = 1; seq <= 15; seq++) {
      for (const key of keys) await post({ name: `seq-${seq}`, aggregateId: key, seq }).expect(201);
    }
    const rows = await eventually(
      async () => {
        const all = (await received()).filter((r) => keys.includes(r.aggregate_id));
        return all.length === 45 && all;
      },
      30000,
      '45 ordered events',
    );
    for (const key of keys) {
      const seqs = rows.filter((r) => r.aggregate_id === key).map((r) => Number(r.name.slice(4)));
      expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    }
  });

  it('loses nothing when the consumer is stopped mid-stream and started again', async () => {
    const batch = `batch-${randomUUID().slice(0, 8)}`;
    const total = 120;
    const sends = Array.from({ length: total }, (_, i) => post({ name: `${batch}-${i}` }).expect(201));
    await Promise.all(sends.slice(0, 60));
    await eventually(async () => (await received()).some((r) => r.name.startsWith(batch)), 20000, 'first of the batch');
    await consumer!.close();
    consumer = undefined;
    await Promise.all(sends.slice(60));
    const whileStopped = (await received()).filter((r) => r.name.startsWith(batch)).length;
    expect(whileStopped).toBeLessThan(total);
    consumer = await startFixtureApp(config, 'consumer');
    const rows = await eventually(
      async () => {
        const all = (await received()).filter((r) => r.name.startsWith(batch));
        return all.length >= total && all;
      },
      60000,
      'the whole batch',
    );
    expect(new Set(rows.map((r) => r.name)).size).toBe(total);
    expect(rows).toHaveLength(total);
  });
});
