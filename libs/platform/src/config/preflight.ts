import { Client } from 'pg';
import { ConfigError } from './env';
import { redactUrl } from '../database/database';

/**
 * Start-up checks that turn "the driver retried for a minute and threw a stack trace" into one line naming the
 * variable: the database and the broker are probed once, with a short timeout, before anything else starts.
 */
export async function assertDatabaseReachable(url: string, variable = 'DATABASE_URL', timeoutMs = 5000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ConfigError(variable, `cannot connect to ${redactUrl(url)}: ${(error as Error).message || String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
