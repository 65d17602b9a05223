import { Topics } from '@jobbspar/contracts';
import { MAX_BATCH } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { KafkaProbe } from '../support/kafka-probe';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { RunningProcess } from '../support/processes';
import {
  appliedOrder,
  appliedStats,
  deliveryLog,
  progress,
  reportFigures,
  scale,
  sleep,
  startFixtureProcess,
  stopProcess,
  thingEvent,
  until,
} from './fault-harness';
import { testAuthConfig } from '../support/auth';

const SCENARIO = 'consumer SIGKILLed during a keyed stream';

/**
 * A consumer process SIGKILLed (no shutdown, no last commit) while a keyed stream flows, then started again. Each
 * event must be applied exactly once, in order per key, and a kill redelivers only the little that was applied
 * but not yet committed: offsets are committed per applied batch (one transaction of at most MAX_BATCH events),
 * not per fetch.
 */
describe('fault: consumer SIGKILLed during a keyed stream', () => {
  const KEYS = scale(20, 50);
  const PER_KEY = scale(30, 160);
  const KILLS = scale(1, 4);
  const total = KEYS * PER_KEY;
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let probe: KafkaProbe;
  let topic: string;
  let consumer: RunningProcess | undefined;
  let db: DataSource;
  let dir: string;

  beforeAll(async () => {
    const database = await createTestDatabase('ckill');
    drop = database.drop;
    const prefix = `${uniqueName('ckill')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: testInfra().brokers,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    };
    // The consumer's schema comes with its first start; the probe writes the topic.
    topic = `${prefix}${Topics.employers}`;
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([topic]);
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
    dir = await mkdtemp(path.join(tmpdir(), 'jobbspar-ckill-'));
  });

  afterAll(async () => {
    await stopProcess(consumer, 'SIGKILL');
    await probe?.close();
    await db?.destroy();
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses nothing, applies nothing twice, keeps order per key, and redelivers little', async () => {
    const tag = `run${randomUUID().slice(0, 8)}`;
    const deliveries = path.join(dir, 'deliveries.log');
    const keys = Array.from({ length: KEYS }, () => randomUUID());
    const started = Date.now();
    // The stream: every key's next event, a round at a time, straight onto the topic as a producer service would.
    let sent = 0;
    const sending = (async () => {
      for (let seq = 1; seq <= PER_KEY; seq++) {
        await probe.produce(
          topic,
          keys.map((key) => thingEvent(tag, key, seq)),
        );
        sent += KEYS;
        await sleep(scale(10, 20));
      }
    })();
    // The consumer starts behind, so there is a backlog to fetch in big batches when it is killed.
    await until(() => sent >= total / 3, 120_000, 'a backlog');
    progress(SCENARIO, 'backlog written; starting the consumer', { total });
    consumer = await startFixtureProcess('consumer', config, { DELIVERIES_FILE: deliveries });
    progress(SCENARIO, 'consumer ready');
    const recoveries: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const threshold = Math.floor((total * kill) / (KILLS + 1));
      await until(async () => (await appliedStats(db, tag)).distinct >= threshold, 120_000, `${threshold} applied`);
      progress(SCENARIO, 'killing the consumer', { kill, applied: (await appliedStats(db, tag)).distinct });
      consumer.child.kill('SIGKILL');
      await consumer.exited(10_000);
      const killedAt = Date.now();
      const before = deliveryLog(deliveries).total;
      consumer = await startFixtureProcess('consumer', config, { DELIVERIES_FILE: deliveries });
      await until(() => deliveryLog(deliveries).total > before, 60_000, 'consuming again after the kill');
      recoveries.push(deliveryLog(deliveries).times[before] - killedAt);
    }
    await sending;
    progress(SCENARIO, 'everything sent');
    await until(async () => (await appliedStats(db, tag)).distinct >= total, 120_000, 'every event applied');
    // Anything applied twice would show up as an extra row: give stragglers a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows, distinct } = await appliedStats(db, tag);
    const log = deliveryLog(deliveries);
    reportFigures(SCENARIO, {
      sent: total,
      applied: distinct,
      lost: total - distinct,
      redelivered: log.redelivered,
      appliedTwice: rows - distinct,
      kills: KILLS,
      recoveryMsMax: Math.max(...recoveries),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
    expect(distinct).toBe(total);
    expect(rows).toBe(distinct);
    for (const [key, seqs] of await appliedOrder(db, tag))
      expect([key, seqs]).toEqual([key, Array.from({ length: PER_KEY }, (_, i) => i + 1)]);
    // Commits per applied batch: a kill redelivers the batch it interrupted (its transaction died with the process)
    // and what was applied during one commit round trip (a batch), not the rest of a fetch (the whole backlog).
    expect(log.redelivered).toBeLessThanOrEqual((2 * MAX_BATCH + 25) * KILLS);
  });
});
