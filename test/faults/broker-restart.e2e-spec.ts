import { freePort } from '@jobbspar/infra';
import { OutboxRelay } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KafkaHandle, startKafka } from '../../scripts/infra/kafka';
import { createTestDatabase } from '../support/infra';
import { BackbonePair, eventLevelStats, progress, reportFigures, scale, scenarioConfig, startBackbonePair, until } from './fault-harness';

const SCENARIO = 'broker stopped and restarted during writes';

/**
 * The suite's own broker is stopped while a keyed stream of writes goes on, and started again on the same data
 * and port. Writes keep committing (their events wait in the outbox), nothing is lost or applied twice, order per
 * key holds, and the backlog drains within a bound once the broker is back.
 */
describe('fault: broker stopped and restarted during writes', () => {
  const KEYS = scale(5, 20);
  const ROUNDS = scale(30, 150);
  const OUTAGE_MS = scale(2_000, 20_000);
  let kafka: KafkaHandle | undefined;
  let dataDir: string;
  let kafkaPort: number;
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let pair: BackbonePair | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-brestart-'));
    kafkaPort = await freePort();
    kafka = await startKafka({ dataDir: path.join(dataDir, 'kafka'), port: kafkaPort });
    const database = await createTestDatabase('brestart');
    drop = database.drop;
    config = await scenarioConfig('brestart', { databaseUrl: database.url, kafkaBrokers: [kafka.brokers] });
  }, 180_000);

  afterAll(async () => {
    await pair?.close();
    await kafka?.stop();
    await drop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('commits every write, then applies each event once and in order per key within a bound after the restart', async () => {
    const started = Date.now();
    const tag = `run${randomUUID().slice(0, 8)}`;
    pair = await startBackbonePair(config);
    const { producer, deliveries } = pair;
    const relay = producer.get(OutboxRelay);
    const writer = pair.writer(tag, KEYS);
    const writing = writer.run(ROUNDS, scale(50, 100));

    await until(() => writer.round > ROUNDS / 3, 120_000, 'a third of the writes');
    progress(SCENARIO, 'stopping the broker', { committed: writer.committed });
    await kafka!.stop();
    kafka = undefined;
    const down = Date.now();
    const committedBefore = writer.committed;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const writtenWhileDown = writer.committed - committedBefore;
    const backlogWhileDown = await relay.backlog();
    progress(SCENARIO, 'starting the broker again', { writtenWhileDown, backlogWhileDown });
    kafka = await startKafka({ dataDir: path.join(dataDir, 'kafka'), port: kafkaPort });
    const back = Date.now();
    // Bounded: everything committed so far is published and applied within a minute of the broker's return.
    const committedAtReturn = writer.committed;
    await until(async () => (await eventLevelStats(config.databaseUrl, tag)).applied >= committedAtReturn, 60_000, 'the backlog applied');
    const drainMs = Date.now() - back;
    await writing;
    await until(async () => (await eventLevelStats(config.databaseUrl, tag)).applied >= writer.committed, 60_000, 'every write applied');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stats = await eventLevelStats(config.databaseUrl, tag);
    reportFigures(SCENARIO, {
      sent: stats.sent,
      applied: stats.applied,
      lost: stats.lost,
      redelivered: deliveries.total - deliveries.distinct(),
      appliedTwice: stats.appliedTwice,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      outageSeconds: Math.round((back - down) / 100) / 10,
      writtenWhileDown,
      httpErrors: writer.errors + writer.refused,
      drainSecondsAfterReturn: Math.round(drainMs / 100) / 10,
      outOfOrderKeys: stats.outOfOrderKeys,
    });
    // The broker's outage never reached the clients: every write answered 201 the first time.
    expect(writer.errors + writer.refused).toBe(0);
    expect(writtenWhileDown).toBeGreaterThan(0);
    expect(backlogWhileDown).toBeGreaterThan(0);
    expect(writer.committed).toBe(KEYS * ROUNDS);
    expect(stats.sent).toBe(KEYS * ROUNDS);
    expect(stats.lost).toBe(0);
    expect(stats.appliedTwice).toBe(0);
    expect(stats.outOfOrderKeys).toBe(0);
    expect(await relay.backlog()).toBe(0);
  });
});
