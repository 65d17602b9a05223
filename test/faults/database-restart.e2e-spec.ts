import { freePort, PostgresHandle, startPostgres } from '@jobbspar/infra';
import { OutboxRelay } from '@jobbspar/messaging';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testInfra } from '../support/infra';
import { BackbonePair, eventLevelStats, progress, reportFigures, scale, scenarioConfig, startBackbonePair, until } from './fault-harness';

const SCENARIO = 'PostgreSQL restarted mid-stream';

/**
 * The suite's own PostgreSQL server (producer's and consumer's schemas) is stopped while a keyed stream of writes
 * flows through HTTP, outbox, Kafka and inbox, and started again on the same data and port. While it is down the
 * writes are refused with 503 and retried by the client, the relay and the consumer wait; once it is back every
 * committed event is applied once, in order per key, within a bound.
 */
describe('fault: PostgreSQL restarted mid-stream', () => {
  const KEYS = scale(5, 20);
  const ROUNDS = scale(30, 150);
  const OUTAGE_MS = scale(2_000, 20_000);
  let pg: PostgresHandle | undefined;
  let dataDir: string;
  let pgPort: number;
  let config: ServiceConfig;
  let pair: BackbonePair | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-pgrestart-'));
    pgPort = await freePort();
    pg = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port: pgPort });
    config = await scenarioConfig('pgrestart', { databaseUrl: pg.url, kafkaBrokers: testInfra().brokers });
  }, 120_000);

  afterAll(async () => {
    await pair?.close();
    await pg?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses writes with 503 while it is down, then applies every committed event once and in order per key', async () => {
    const started = Date.now();
    const tag = `run${randomUUID().slice(0, 8)}`;
    pair = await startBackbonePair(config);
    const { producer, deliveries } = pair;
    const writer = pair.writer(tag, KEYS);
    const writing = writer.run(ROUNDS, scale(50, 100));

    await until(() => writer.round > ROUNDS / 3, 120_000, 'a third of the writes');
    progress(SCENARIO, 'stopping PostgreSQL', { committed: writer.committed });
    await pg!.stop();
    pg = undefined;
    const down = Date.now();
    const committedBefore = writer.committed;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const committedWhileDown = writer.committed - committedBefore;
    const refusedWhileDown = writer.refused;
    progress(SCENARIO, 'starting PostgreSQL again', { refusedWhileDown });
    pg = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port: pgPort });
    const back = Date.now();
    await writing;
    const writesDone = Date.now();
    const writesDoneMs = writesDone - back;
    // Bounded: within a minute of the server's return every committed event is applied.
    await until(
      async () => {
        const s = await eventLevelStats(config.databaseUrl, tag);
        return s.sent > 0 && s.applied >= s.sent;
      },
      60_000,
      'every committed event applied',
    );
    // The writes go on for a while after the return (each refused one retried): the lag is what follows the last.
    const lagMs = Date.now() - writesDone;
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
      refusedWhileDown,
      committedWhileDown,
      httpErrors: writer.errors,
      writesDoneSecondsAfterReturn: Math.round(writesDoneMs / 100) / 10,
      appliedSecondsAfterLastWrite: Math.round(lagMs / 100) / 10,
      outOfOrderKeys: stats.outOfOrderKeys,
    });
    // Refused (503) or unanswered while the server was down, never a 500; each write was retried until committed.
    expect(writer.errors).toBe(0);
    expect(refusedWhileDown).toBeGreaterThan(0);
    expect(writer.committed).toBe(KEYS * ROUNDS);
    // A write whose answer was lost with the connection may have committed and been retried: a second event,
    // counted in `sent` like any other. Nothing committed is lost, nothing applied twice, order per key kept.
    expect(stats.sent).toBeGreaterThanOrEqual(KEYS * ROUNDS);
    expect(stats.lost).toBe(0);
    expect(stats.appliedTwice).toBe(0);
    expect(stats.outOfOrderKeys).toBe(0);
    expect(await producer.get(OutboxRelay).backlog()).toBe(0);
  });
});
