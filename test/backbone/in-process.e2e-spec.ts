import { INestApplication } from '@nestjs/common';
import { createEnvelope, deadLetterTopic, EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import { InProcessBroker } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { as, testAuthConfig } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';
import { inProcessSource, markInjected, watchRecords } from '../support/contract-check';
import { eventually } from '../support/kafka-probe';
import { systemTopics } from '../support/stack';
import { startFixtureApp } from './backbone-fixture';

/** The embedded default's transport: the same outbox → inbox → handler path, without Kafka. */
describe('messaging backbone on the in-process transport', () => {
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let producer: INestApplication;
  let consumer: INestApplication;
  let db: DataSource;
  const broker = InProcessBroker.shared();
  const received = async (): Promise<{ aggregate_id: string; name: string }[]> =>
    db.query('SELECT aggregate_id, name FROM bb_consumer.received ORDER BY id');

  beforeAll(async () => {
    const database = await createTestDatabase('inproc');
    drop = database.drop;
    const prefix = `${uniqueName('ip')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: undefined,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    };
    watchRecords(inProcessSource(prefix, () => systemTopics(prefix)));
    producer = await startFixtureApp(config, 'producer');
    consumer = await startFixtureApp(config, 'consumer');
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await db?.destroy();
    await drop?.();
  });

  it('delivers through the outbox and applies a duplicate once', async () => {
    const { body } = await request(producer.getHttpServer())
      .post('/things')
      .set(as('admin.skane'))
      .send({ name: 'Höganäs kommun' })
      .expect(201);
    await eventually(async () => (await received()).some((r) => r.aggregate_id === body.id), 10000, 'delivery');
    const [copy] = broker.read(`${config.topicPrefix}${Topics.employers}`).filter((m) => m.key === body.id);
    // A redelivery of what the producer published: a record of the services, checked like the original.
    broker.append({ topic: copy.topic, key: body.id, value: copy.value!.toString('utf8'), headers: copy.headers });
    const { body: marker } = await request(producer.getHttpServer())
      .post('/things')
      .set(as('admin.skane'))
      .send({ name: 'marker' })
      .expect(201);
    await eventually(async () => (await received()).some((r) => r.aggregate_id === marker.id), 10000, 'marker');
    expect((await received()).filter((r) => r.aggregate_id === body.id)).toHaveLength(1);
  });

  it('dead-letters what it cannot read and goes on', async () => {
    const topic = `${config.topicPrefix}${Topics.employers}`;
    const id = randomUUID();
    markInjected('not json');
    broker.append({ topic, key: id, value: 'not json', headers: {} });
    const good = createEnvelope(
      EmployerRegisteredV1,
      {
        employerId: id,
        organisationNumber: '556036-0793',
        name: 'after bad',
        sector: 'private',
        municipalityCode: '1283',
        isMunicipality: false,
      },
      { producer: 'employer-service', tenant: 'se-12', aggregateId: id, aggregateVersion: 1, actor: 'test:probe' },
    );
    markInjected(JSON.stringify(good));
    broker.append({ topic, key: id, value: JSON.stringify(good), headers: {} });
    await eventually(async () => (await received()).some((r) => r.name === 'after bad'), 10000, 'the good one');
    const letters = broker.read(deadLetterTopic(config.topicPrefix, 'candidate-service'));
    expect(letters.map((l) => l.headers['dead-letter-reason'])).toEqual([expect.stringMatching(/unparseable JSON/)]);
  });
});
