import { freePort } from '@jobbspar/infra';
import { messagingMetrics, OutboxRelay } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KafkaHandle, startKafka } from '../../scripts/infra/kafka';
import { startToxiproxy, type Toxic, type ToxiproxyHandle } from '../../scripts/infra/toxiproxy';
import { createTestDatabase } from '../support/infra';
import {
  BackbonePair,
  eventLevelStats,
  progress,
  reportFigures,
  scale,
  scenarioConfig,
  sleep,
  startBackbonePair,
  until,
} from './fault-harness';

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
  // Enough rounds (one per 100 ms) that writes still flow when the blackhole comes, at the fast size too.
  const ROUNDS = scale(130, 200);
  const LATENCY_MS = scale(2_000, 10_000);
  const RESETS_MS = scale(2_000, 5_000);
  // The blackhole must outlast kafkajs' request timeout, or no request times out and the relay's recovery from a
  // failed send (issue 13: a 20 s one wedged it for good) goes untested: the fast run shortens the timeout to 2 s
  // (15 s by default, as at full size) and holds the blackhole 6 s.
  const REQUEST_TIMEOUT_MS = scale<number | undefined>(2_000, undefined);
  const BLACKHOLE_MS = scale(6_000, 20_000);
  let toxiproxy: ToxiproxyHandle | undefined;
  let kafka: KafkaHandle | undefined;
  let dataDir: string;
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let pair: BackbonePair | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-netfault-'));
    toxiproxy = await startToxiproxy();
    const [brokerPort, proxyPort] = [await freePort(), await freePort()];
    await toxiproxy.createProxy('kafka', proxyPort, `127.0.0.1:${brokerPort}`);
    kafka = await startKafka({ dataDir: path.join(dataDir, 'kafka'), port: brokerPort, advertisedPort: proxyPort });
    const database = await createTestDatabase('netfault');
    drop = database.drop;
    config = await scenarioConfig('netfault', { databaseUrl: database.url, kafkaBrokers: [`127.0.0.1:${proxyPort}`] });
  }, 300_000);

  afterAll(async () => {
    await pair?.close();
    await kafka?.stop();
    await toxiproxy?.stop();
    await drop?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and applies nothing twice through latency, resets and a blackhole', async () => {
    const started = Date.now();
    const tag = `run${randomUUID().slice(0, 8)}`;
    pair = await startBackbonePair(config, { kafkaRequestTimeoutMs: REQUEST_TIMEOUT_MS });
    const { producer, deliveries } = pair;
    const writer = pair.writer(tag, KEYS);
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
    const relayFailures = async () =>
      (await messagingMetrics.publishFailures.get()).values.find((v) => v.labels.service === 'employer-service')?.value ?? 0;
    const failuresBefore = await relayFailures();
    const committedBefore = writer.committed;
    await fault('blackhole', { type: 'timeout', attributes: { timeout: 0 } }, BLACKHOLE_MS);
    const healed = Date.now();
    const committedAtHeal = writer.committed;
    const appliedAtHeal = (await eventLevelStats(config.databaseUrl, tag)).applied;
    await until(async () => (await eventLevelStats(config.databaseUrl, tag)).applied >= committedAtHeal, 120_000, 'the backlog applied');
    const drainMs = Date.now() - healed;
    // The relay's sends that failed from the blackhole on, until the backlog was applied: a figure, not a condition. A
    // send that began in it times out and kafkajs retries it, and whether a retry fails before the link heals (what
    // wedged the relay for good before) or succeeds after depends on where the relay's backoff from the resets left it.
    const blackholeFailures = (await relayFailures()) - failuresBefore;
    await writing;
    await until(async () => (await eventLevelStats(config.databaseUrl, tag)).applied >= writer.committed, 120_000, 'every write applied');
    await sleep(500);
    const stats = await eventLevelStats(config.databaseUrl, tag);
    reportFigures(SCENARIO, {
      sent: stats.sent,
      applied: stats.applied,
      lost: stats.lost,
      redelivered: deliveries.total - deliveries.distinct(),
      appliedTwice: stats.appliedTwice,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      faults: `latency 300±100 ms ${LATENCY_MS / 1000} s, resets after 0.5 s ${RESETS_MS / 1000} s, blackhole ${BLACKHOLE_MS / 1000} s`,
      httpErrors: writer.errors + writer.refused,
      drainSecondsAfterHeal: Math.round(drainMs / 100) / 10,
      relaySendsFailedInBlackhole: blackholeFailures,
      outOfOrderKeys: stats.outOfOrderKeys,
    });
    // The broker's link never reached the clients: every write answered 201 the first time.
    expect(writer.errors + writer.refused).toBe(0);
    // The blackhole held the events back: writes went on, and most of what they wrote meanwhile got through only after it
    // (a link that kept flowing would have applied nearly all of them); the backlog was applied after it (above).
    expect(committedAtHeal - committedBefore).toBeGreaterThan(0);
    expect(appliedAtHeal).toBeLessThan(committedBefore + (committedAtHeal - committedBefore) / 2);
    expect(writer.committed).toBe(KEYS * ROUNDS);
    expect(stats.sent).toBe(KEYS * ROUNDS);
    expect(stats.lost).toBe(0);
    expect(stats.appliedTwice).toBe(0);
    expect(stats.outOfOrderKeys).toBe(0);
    expect(await producer.get(OutboxRelay).backlog()).toBe(0);
  });
});
