import { INestApplication } from '@nestjs/common';
import { Topics } from '@jobbspar/contracts';
import { OutboxRelay } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort } from '@jobbspar/infra';
import { KafkaHandle, startKafka } from '../../scripts/infra/kafka';
import { as, testAuthConfig } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';
import { RecordSource, unwatchRecords, watchRecords } from '../support/contract-check';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { startFixtureApp } from './backbone-fixture';

/** A broker of this suite's own, stopped and started again while the app keeps taking commands. */
describe('a broker that goes away while the system runs', () => {
  let kafka: KafkaHandle | undefined;
  let dataDir: string;
  let port: number;
  let producer: INestApplication;
  let drop: () => Promise<void>;
  let config: ServiceConfig;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-outage-'));
    port = await freePort();
    kafka = await startKafka({ dataDir: path.join(dataDir, 'kafka'), port });
    const database = await createTestDatabase('outage');
    drop = database.drop;
    const prefix = `${uniqueName('out')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: [kafka.brokers],
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    };
    producer = await startFixtureApp(config, 'producer');
  });

  afterAll(async () => {
    await producer?.close();
    await kafka?.stop();
    await drop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps events in the outbox, stays up, and publishes them once the broker is back', async () => {
    const relay = producer.get(OutboxRelay);
    await request(producer.getHttpServer()).post('/things').set(as('admin.skane')).send({ name: 'before the outage' }).expect(201);
    await eventually(async () => (await relay.backlog()) === 0, 20000, 'first event published');

    await kafka!.stop();
    kafka = undefined;
    const during: string[] = [];
    for (let i = 0; i < 3; i++) {
      during.push(
        (
          await request(producer.getHttpServer())
            .post('/things')
            .set(as('admin.skane'))
            .send({ name: `during-${i}` })
            .expect(201)
        ).body.id,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await relay.backlog()).toBe(3);

    kafka = await startKafka({ dataDir: path.join(dataDir, 'kafka'), port });
    await eventually(async () => (await relay.backlog()) === 0, 60000, 'backlog drained after the broker came back');
    const probe = new KafkaProbe([kafka.brokers]);
    let records: RecordSource | undefined;
    try {
      await probe.watch([`${config.topicPrefix}${Topics.employers}`]);
      watchRecords((records = probe.asSource(config.topicPrefix)));
      const keys = await eventually(
        () => {
          const seen = probe.messages.map((m) => m.key ?? '');
          return during.every((id) => seen.includes(id)) && seen;
        },
        30000,
        'the events written during the outage',
      );
      expect(keys.filter((k) => during.includes(k))).toHaveLength(3);
    } finally {
      if (records) await unwatchRecords(records);
      await probe.close();
    }
  });
});
