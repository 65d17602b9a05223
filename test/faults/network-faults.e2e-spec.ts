import { INestApplication } from '@nestjs/common';
import { freePort } from '@jobbspar/infra';
import { OutboxRelay } from '@jobbspar/messaging';
import { DEFAULT_ABUSE_LIMITS, ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KafkaHandle, startKafka } from '../../scripts/infra/kafka';
import { startToxiproxy, type Toxic, type ToxiproxyHandle } from '../../scripts/infra/toxiproxy';
import { startFixtureApp } from '../backbone/backbone-fixture';
import { as, testAuthConfig } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';
import { countDeliveries, eventLevelStats, KeyedWriter, progress, reportFigures, scale, sleep, until } from './fault-harness';

const SCENARIO = 'network faults between the services and the broker (Toxiproxy)';

/**
 * Every byte between the services (the producer's relay, the consumer) and the suite's own broker goes through
 * Toxiproxy; the broker advertises the proxy's address, so no connection bypasses it. While a keyed stream of
 * writes goes on, the link gets latency, then resets every connection, then becomes a blackhole (data dropped,
 * connections left open), each healed in turn. Writes never fail (their events wait in the outbox); every event is
 * applied once, in order per key, within a bound after the link heals.
 */
describe('fault: network faults between the services and the broker', () => {
  const KEYS = scale(5, 20);
  const ROUNDS = scale(40, 200);
  const LATENCY_MS = scale(2_000, 10_000);
  const RESETS_MS = scale(2_000, 5_000);
  const BLACKHOLE_MS = scale(3_000, 20_000);
  let toxiproxy: ToxiproxyHandle | undefined;
  let kafka: KafkaHandle | undefined;
  let dataDir: string;
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let producer: INestApplication | undefined;
  let consumer: INestApplication | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-netfault-'));
    toxiproxy = await startToxiproxy();
    const [brokerPort, proxyPort] = [await freePort(), await freePort()];
    await toxiproxy.createProxy('kafka', proxyPort, `127.0.0.1:${brokerPort}`);
    kafka = await startKafka({ dataDir: path.join(dataDir, 'kafka'), port: brokerPort, advertisedPort: proxyPort });
    const database = await createTestDatabase('netfault');
    drop = database.drop;
    const prefix = `${uniqueName('netfault')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: [`127.0.0.1:${proxyPort}`],
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: await freePort(),
      auth: testAuthConfig(),
      // The scenario's one client writes faster than any user may: what is measured is the backbone.
      limits: { ...DEFAULT_ABUSE_LIMITS, rate: undefined },
    };
  }, 300_000);

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await kafka?.stop();
    await toxiproxy?.stop();
    await drop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and applies nothing twice through latency, resets and a blackhole', async () => {
    const started = Date.now();
    const tag = `run${randomUUID().slice(0, 8)}`;
    producer = await startFixtureApp(config, 'producer');
    await producer.listen(config.port, '127.0.0.1');
    let deliveries: ReturnType<typeof countDeliveries> | undefined;
    consumer = await startFixtureApp(config, 'consumer', { beforeConnect: (app) => (deliveries = countDeliveries(app)) });
    const keys = Array.from({ length: KEYS }, () => randomUUID());
    const writer = new KeyedWriter(`http://127.0.0.1:${config.port}/things`, tag, keys, as('admin.skane'));
    const writing = writer.run(ROUNDS, scale(100, 150));
    const fault = async (name: string, toxic: Toxic, ms: number): Promise<void> => {
      progress(SCENARIO, `${name} on`, { committed: writer.committed });
      await toxiproxy!.addToxic('kafka', name, toxic);
      await sleep(ms);
      await toxiproxy!.removeToxic('kafka', name);
      progress(SCENARIO, `${name} off`, { committed: writer.committed });
    };

    await until(() => writer.round > ROUNDS / 5, 120_000, 'a fifth of the writes');
    await fault('latency', { type: 'latency', attributes: { latency: 300, jitter: 100 } }, LATENCY_MS);
    // Every connection is reset half a second after it opens: clients reconnect and are reset again. (Reset at
    // once, timeout 0, once left this process spinning for minutes in a reconnect storm at full size: not
    // understood yet, see the report.)
    await fault('resets', { type: 'reset_peer', attributes: { timeout: 500 } }, RESETS_MS);
    // Data dropped both ways, connections left open: requests time out rather than fail.
    await fault('blackhole', { type: 'timeout', attributes: { timeout: 0 } }, BLACKHOLE_MS);
    const healed = Date.now();
    const committedAtHeal = writer.committed;
    await until(async () => (await eventLevelStats(config.databaseUrl, tag)).applied >= committedAtHeal, 120_000, 'the backlog applied');
    const drainMs = Date.now() - healed;
    await writing;
    await until(async () => (await eventLevelStats(config.databaseUrl, tag)).applied >= writer.committed, 120_000, 'every write applied');
    await sleep(500);
    const stats = await eventLevelStats(config.databaseUrl, tag);
    reportFigures(SCENARIO, {
      sent: stats.sent,
      applied: stats.applied,
      lost: stats.lost,
      redelivered: deliveries!.total - deliveries!.distinct(),
      appliedTwice: stats.appliedTwice,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      faults: `latency 300±100 ms ${LATENCY_MS / 1000} s, resets after 0.5 s ${RESETS_MS / 1000} s, blackhole ${BLACKHOLE_MS / 1000} s`,
      httpErrors: writer.errors + writer.refused,
      drainSecondsAfterHeal: Math.round(drainMs / 100) / 10,
      outOfOrderKeys: stats.outOfOrderKeys,
    });
    // The broker's link never reached the clients: every write answered 201 the first time.
    expect(writer.errors + writer.refused).toBe(0);
    expect(writer.committed).toBe(KEYS * ROUNDS);
    expect(stats.sent).toBe(KEYS * ROUNDS);
    expect(stats.lost).toBe(0);
    expect(stats.appliedTwice).toBe(0);
    expect(stats.outOfOrderKeys).toBe(0);
    expect(await producer.get(OutboxRelay).backlog()).toBe(0);
  });
});
