import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The servers the global setup started (or the ones DATABASE_URL / KAFKA_BROKERS name). */
export function testInfra(): { databaseUrl: string; brokers: string[] } {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const brokers = process.env.TEST_KAFKA_BROKERS;
  if (!databaseUrl || !brokers) throw new Error('integration tests need the jest global setup (run them through npm test)');
  return { databaseUrl, brokers: brokers.split(',') };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** A database of the suite's own on the shared server: suites never see each other's rows. */
export async function createTestDatabase(prefix = 'suite'): Promise<{ url: string; drop(): Promise<void> }> {
  const { databaseUrl } = testInfra();
  const name = uniqueName(prefix).toLowerCase();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
