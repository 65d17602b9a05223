import { describeErrorSafely, JsonLogger } from '@jobbspar/platform';
import { Client } from 'pg';

export interface ConsumerLeaseOptions {
  /** The database the replicas share: the lease is a session advisory lock there. */
  databaseUrl: string;
  /** What is leased (one holder among the replicas), e.g. the consumer group. */
  name: string;
  /** Runs when this replica takes the lease: start consuming. */
  acquired: () => Promise<void>;
  /** Runs when the lease is lost (its connection died): stop consuming. */
  lost: () => Promise<void>;
  /** How often a standby asks for the lease. */
  retryMs?: number;
  log?: JsonLogger;
}

/**
 * One active holder among replicas: a PostgreSQL session advisory lock on a connection of its own. The holder's
 * lock goes with its connection, so a replica that dies (SIGKILL, crash, lost network) frees it at once, and a
 * standby, asking every `retryMs`, takes over. The database, not a clock, decides: two holders at once are
 * impossible while the server is up (what they consume is made safe by the inbox and the solver's turn anyway).
 */
export class ConsumerLease {
  private client?: Client;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private standbyLogged = false;
  private failures = 0;
  private asking?: Promise<void>;
  private readonly log: JsonLogger;

  constructor(private readonly options: ConsumerLeaseOptions) {
    this.log = options.log ?? new JsonLogger('consumer-lease');
  }

  get held(): boolean {
    return this.client !== undefined;
  }

  /**
   * Asks once: held → `acquired` has run when this resolves (and its failure is this call's). Otherwise keeps
   * asking in the background.
   */
  async start(): Promise<void> {
    if (!(await this.attempt(true))) this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // An attempt under way finishes first (and, seeing `stopped`, gives back what it got).
    await this.asking;
    const client = this.client;
    this.client = undefined;
    if (client) {
      await this.options.lost().catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.asking = this.attempt(false).then((held) => {
        this.asking = undefined;
        if (!held) this.schedule();
      });
    }, this.options.retryMs ?? 1000);
  }

  private async attempt(rethrow: boolean): Promise<boolean> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `lease:${this.options.name}`.slice(0, 63) });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held`, [
        `consumer-lease:${this.options.name}`,
      ]);
      this.failures = 0;
      if (!rows[0].held || this.stopped) {
        await endWithin(client);
        if (!this.standbyLogged) this.log.info('standby: another replica holds the lease', { lease: this.options.name });
        this.standbyLogged = true;
        return false;
      }
    } catch (error) {
      await endWithin(client);
      if (rethrow) throw error;
      // Once per outage (and then every 30 tries), not every second while the database is down.
      if (this.failures++ % 30 === 0)
        this.log.write('warn', 'could not ask for the lease', {
          lease: this.options.name,
          attempt: this.failures,
          error: describeErrorSafely(error),
        });
      return false;
    }
    this.client = client;
    client.once('end', () => void this.onEnd(client));
    try {
      await this.options.acquired();
    } catch (error) {
      this.client = undefined;
      await client.end().catch(() => undefined);
      if (rethrow) throw error;
      this.log.write('warn', 'took the lease but could not start; giving it back', {
        lease: this.options.name,
        error: describeErrorSafely(error),
      });
      return false;
    }
    this.standbyLogged = false;
    this.log.info('took the lease', { lease: this.options.name });
    return true;
  }

  /** The lease's connection ended: given back by stop(), or lost (the database restarted or the network went). */
  private async onEnd(client: Client): Promise<void> {
    if (this.client !== client) return;
    this.client = undefined;
    this.log.write('warn', 'lease lost with its connection; stopping and asking again', { lease: this.options.name });
    await this.options.lost().catch(() => undefined);
    this.schedule();
  }
}

/**
 * Closes a connection, waiting at most a second: `end()` of a connection the server has just terminated may never
 * settle, and a standby waiting on it would never ask again (the lease spec's terminated backends found it).
 */
async function endWithin(client: Client, ms = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.end().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
