import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unsentOutboxRow } from '@jobbspar/messaging';
import { DataSource } from 'typeorm';
import { freePort } from '@jobbspar/infra';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { RunningProcess } from '../support/processes';
import { appliedStats, deliveryLog, progress, reportFigures, scale, startFixtureProcess, stopProcess, until } from './fault-harness';
import { as, testAuthConfig } from '../support/auth';

const SCENARIO = 'producer killed between the broker ack and marking the outbox rows sent';

/**
 * The producer SIGKILLs itself right after Kafka acknowledged a batch and before its relay marked those outbox
 * rows sent: the rows go out again when it restarts. Every committed write must be applied once, whatever was
 * published twice.
 */
describe('fault: producer killed between ack and marking sent', () => {
  const WRITES = scale(60, 600);
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let db: DataSource;
  let dir: string;
  let producer: RunningProcess | undefined;
  let consumer: RunningProcess | undefined;

  beforeAll(async () => {
    const database = await createTestDatabase('pkill');
    drop = database.drop;
    const prefix = `${uniqueName('pkill')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: testInfra().brokers,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: await freePort(),
      auth: testAuthConfig(),
    };
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
    dir = await mkdtemp(path.join(tmpdir(), 'jobbspar-pkill-'));
  });

  afterAll(async () => {
    await stopProcess(producer, 'SIGKILL');
    await stopProcess(consumer, 'SIGKILL');
    await db?.destroy();
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies every committed write once after the producer restarts', async () => {
    const started = Date.now();
    const tag = `run${randomUUID().slice(0, 8)}`;
    const deliveries = path.join(dir, 'deliveries.log');
    consumer = await startFixtureProcess('consumer', config, { DELIVERIES_FILE: deliveries });
    // Killed after its third acknowledged batch: whatever was in that batch is published again on restart.
    producer = await startFixtureProcess('producer', config, { KILL_AFTER_PUBLISHES: '3' });
    progress(SCENARIO, 'producer and consumer ready', { writes: WRITES });
    const url = `http://127.0.0.1:${config.port}/things`;
    let committed = 0;
    let refused = 0;
    let kills = 0;
    for (let i = 1; i <= WRITES; i++) {
      const body = JSON.stringify({ name: `${tag}-${i}` });
      for (;;) {
        const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...as('admin.skane') }, body }).then(
          (r) => r.status === 201,
          () => false,
        );
        if (ok) {
          committed++;
          break;
        }
        refused++;
        // The producer is gone (it killed itself): start it again, this time for good, and retry the write.
        if (producer.child.exitCode !== null || producer.child.signalCode !== null) {
          kills++;
          progress(SCENARIO, 'producer died after an ack; restarting it', { committed });
          producer = await startFixtureProcess('producer', config);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    // The relay sends a turn's rows lane by lane (a request per lane), and its first turn may start only after the
    // last write: then the third acknowledged request, and the kill, come after the writes. Restart it then.
    if (kills === 0) {
      const dead = producer;
      await until(async () => dead.child.exitCode !== null || dead.child.signalCode !== null, 60_000, 'the producer killed after an ack');
      kills++;
      progress(SCENARIO, 'producer died after an ack, after the last write; restarting it', { committed });
      producer = await startFixtureProcess('producer', config);
    }
    // A write whose response was lost with the process may have committed: count what the producer's table holds.
    const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM bb_producer.things WHERE name LIKE $1`, [`${tag}-%`]);
    await until(async () => (await appliedStats(db, tag)).distinct >= rows, 120_000, 'every committed write applied');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows: appliedRows, distinct } = await appliedStats(db, tag);
    const [{ unsent }] = await db.query(`SELECT count(*)::int AS unsent FROM bb_producer.outbox WHERE ${unsentOutboxRow('bb_producer')}`);
    reportFigures(SCENARIO, {
      sent: rows,
      applied: distinct,
      lost: rows - distinct,
      // Deliveries beyond one per event: the batch published again after the kill (absorbed by the inbox).
      redelivered: deliveryLog(deliveries).total - distinct,
      appliedTwice: appliedRows - distinct,
      kills,
      refusedWhileDown: refused,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
    expect(kills).toBe(1);
    expect(committed).toBe(WRITES);
    expect(distinct).toBe(rows);
    expect(appliedRows).toBe(distinct);
    expect(unsent).toBe(0);
    // The batch acknowledged before the kill went out twice; the consumer's inbox absorbed the repeats.
    expect(deliveryLog(deliveries).total).toBeGreaterThan(distinct);
  });
});
