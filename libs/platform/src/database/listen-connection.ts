import { Client } from 'pg';

const RETRY_MS = [500, 1000, 2000, 5000];

export interface ListenHandlers {
  /** A notification on the channel (its payload, '' when none). */
  notification(payload: string): void;
  /** LISTEN is in place (again): whatever was notified while nobody listened is lost. */
  up?(): void;
  /** The connection failed or ended; it is retried with back-off until stop(). */
  lost?(reason: string): void;
}

/**
 * One PostgreSQL connection that LISTENs on a channel and reconnects with back-off (0.5, 1, 2, then every 5 s) when it
 * fails or ends, until stopped. A notification is not replayed across a reconnect: `up` says when to start afresh.
 */
export class ListenConnection {
  private client?: Client;
  private stopped = false;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly applicationName: string,
    private readonly handlers: ListenHandlers,
  ) {}

  /** Connects and LISTENs; the first attempt's failure is thrown (the caller decides), later ones are retried. */
  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: this.applicationName });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notification(message.payload ?? '');
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.handlers.lost?.(reason);
      this.retryLater();
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.handlers.up?.();
  }

  /** Like start, but a failed first attempt is reported to `lost` and retried too. */
  async startOrRetry(): Promise<void> {
    await this.start().catch((error: Error) => this.failed(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private retryLater(): void {
    if (this.stopped) return;
    const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
    setTimeout(() => void this.startOrRetry(), delay).unref();
  }

  private failed(error: Error): void {
    if (this.stopped) return;
    this.handlers.lost?.(error.message);
    this.retryLater();
  }
}
