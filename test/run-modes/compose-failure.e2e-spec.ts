import { Client } from 'pg';
import { testAuthConfig } from '../support/auth';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { RunningProcess, runTypeScript } from '../support/processes';

/**
 * The one-process composition starts its services one after the other, each with its outbox relay and consumer.
 * When a later one fails to start (here follow-up-service: its schema holds a table its first migration would
 * create), everything started before it is stopped and the error goes on: the process exits by itself.
 */
describe('composeServices failing partway', () => {
  let drop: () => Promise<void>;
  let url: string;
  let child: RunningProcess | undefined;

  beforeAll(async () => {
    const database = await createTestDatabase('composefail');
    drop = database.drop;
    url = database.url;
    const client = new Client({ connectionString: url });
    await client.connect();
    // Not the messaging tables' shape: follow-up-service's first migration (CREATE TABLE follow_up.outbox) fails.
    await client.query(`CREATE SCHEMA follow_up; CREATE TABLE follow_up.outbox (id int)`);
    await client.end();
  });

  afterAll(async () => {
    if (child && child.child.exitCode === null && child.child.signalCode === null) {
      child.child.kill('SIGKILL');
      await child.exited(10_000).catch(() => undefined);
    }
    await drop?.();
  });

  it('stops the services it started and lets the process exit on its own', async () => {
    const prefix = `${uniqueName('composefail')}.`;
    child = runTypeScript('test/run-modes/compose-failure-process.ts', {
      DATABASE_URL: url,
      KAFKA_BROKERS: testInfra().brokers.join(','),
      TOPIC_PREFIX: prefix,
      TEST_OIDC_ISSUER: testAuthConfig().issuer,
    });
    const failed = await child.waitForLine(/"msg":"compose failed"/, 120_000);
    // 42P07: duplicate_table (the description names the code, never the SQL's text).
    expect(JSON.parse(failed).error).toMatch(/42P07/);
    // The three services before it had started: each consumed its topics (and ran its relay).
    const consuming = child.lines.filter((l) => l.includes('"msg":"consuming"')).map((l) => JSON.parse(l).consumer);
    expect(consuming).toEqual(expect.arrayContaining(['employer-service', 'candidate-service', 'matching-service']));
    // Nothing keeps it alive: no relay polling, no consumer, no pool. (Before, it ran until killed.)
    expect(await child.exited(20_000)).toEqual({ code: 3, signal: null });
    const admin = new Client({ connectionString: testInfra().databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [
        new URL(url).pathname.slice(1),
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
