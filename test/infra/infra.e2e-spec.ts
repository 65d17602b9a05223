import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Kafka, logLevel, Partitioners, type KafkaMessage } from 'kafkajs';
import { Client } from 'pg';
import { freePort, isAlive, startPostgres, type PostgresHandle } from '@jobbspar/infra';
import { startKafka, type KafkaHandle } from '../../scripts/infra/kafka';

// A cold ~/.m2 makes the first broker start download its jars; warm, both servers are up in a few seconds.
const START_TIMEOUT_MS = 10 * 60_000;

describe('freePort', () => {
  it('returns a port that can be bound on 127.0.0.1 right away', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});

describe('startKafka without a JDK', () => {
  const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
    else process.env.JAVA_HOME = saved.JAVA_HOME;
  });

  it('fails with one line naming what is missing and the alternatives', async () => {
    process.env.PATH = '/nonexistent';
    delete process.env.JAVA_HOME;
    const error = await startKafka({ log: () => undefined }).then(
      // Should it start anyway, it must not outlive the test.
      (kafka) => kafka.stop().then(() => undefined),
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/java/);
    expect(error?.message).toMatch(/KAFKA_BROKERS/);
    expect(error?.message).toMatch(/docker\/compose\.yml/);
    expect(error?.message).not.toContain('\n');
  });
});

describe('real PostgreSQL and Kafka', () => {
  const logs: Record<string, unknown>[] = [];
  const log = (obj: Record<string, unknown>): void => void logs.push(obj);
  let kafka: KafkaHandle;
  let postgres: PostgresHandle;

  beforeAll(async () => {
    [kafka, postgres] = await Promise.all([startKafka({ log }), startPostgres({ log })]);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    // Only reached with servers still running when a test failed before the stop test.
    await Promise.all([kafka?.stop(), postgres?.stop()]);
  }, 60_000);

  it('logs structured events per component', () => {
    const ready = logs.filter((entry) => /ready/.test(String(entry.msg)));
    expect(ready).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'info', component: 'kafka', brokers: kafka.brokers, version: kafka.version }),
        // The URL without its password: a log line never shows it.
        expect.objectContaining({ level: 'info', component: 'postgres', url: postgres.url.replace(/:[^:@/]+@/, ':***@') }),
      ]),
    );
    expect(JSON.stringify(logs)).not.toContain(`:${new URL(postgres.url).password}@`);
  });

  it('serves SQL on the returned URL', async () => {
    expect(postgres.url).toMatch(/^postgres:\/\/[^:]+:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const result = await client.query<{ one: number; max_connections: string }>(
        "select 1 as one, current_setting('max_connections') as max_connections",
      );
      expect(result.rows[0].one).toBe(1);
      expect(Number(result.rows[0].max_connections)).toBeGreaterThanOrEqual(200);
    } finally {
      await client.end();
    }
  }, 30_000);

  it('lets a consumer group consume, in key order, what was produced, and commit it', async () => {
    expect(kafka.brokers).toMatch(/^127\.0\.0\.1:\d+$/);
    const client = new Kafka({ clientId: 'infra-spec', brokers: [kafka.brokers], logLevel: logLevel.ERROR });
    const topic = `infra-spec-${Date.now()}`;
    const groupId = `${topic}-group`;
    const admin = client.admin();
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = client.consumer({ groupId, maxWaitTimeInMs: 100 });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: ['a', 'b', 'c'].map((value) => ({ key: 'one-key', value })) });

      const received: KafkaMessage[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const allReceived = new Promise<void>((resolve) => {
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            received.push(message);
            if (received.length === 3) resolve();
          },
        });
      });
      await allReceived;

      expect(received.map((message) => message.value?.toString())).toEqual(['a', 'b', 'c']);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const total = committed.partitions.reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
      expect(total).toBe(3);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
  }, 120_000);

  it('stop() ends both server processes and removes their temp dirs', async () => {
    expect(isAlive(kafka.pid)).toBe(true);
    expect(isAlive(postgres.pid)).toBe(true);
    await Promise.all([kafka.stop(), postgres.stop()]);
    expect(isAlive(kafka.pid)).toBe(false);
    expect(isAlive(postgres.pid)).toBe(false);
    expect(existsSync(kafka.dataDir)).toBe(false);
    expect(existsSync(postgres.dataDir)).toBe(false);
  }, 60_000);
});

describe('PostgreSQL with its data below a folder only root may enter', () => {
  it('opens the folder for the postgres user to pass through (o+x) and starts', async () => {
    const { mkdtemp, rm, stat } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const privateDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-private-'));
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    const logs: Record<string, unknown>[] = [];
    const server = await startPostgres({ dataDir: path.join(privateDir, 'pg'), log: (entry) => void logs.push(entry) });
    try {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
      await client.end();
      if (process.getuid?.() === 0) {
        expect((await stat(privateDir)).mode & 0o777).toBe(0o701);
        expect(logs.some((l) => l.msg === 'opened a folder for the postgres user to pass through' && l.dir === privateDir)).toBe(true);
      }
    } finally {
      await server.stop();
      await rm(privateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
