import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { JsonLogger } from '@jobbspar/platform';
import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import { ReviewQueuePages } from '../../proposals/domain/review-queue-pages';
import { parseProposalChange, ProposalChange } from '../domain/proposal-change';

export const LIVE_DATABASE_URL = Symbol('LIVE_DATABASE_URL');
const CHANNEL = 'matching_proposals';
const RETRY_MS = [500, 1000, 2000, 5000];

/**
 * One connection per instance that LISTENs on the channel the proposals trigger notifies, turned into a stream.
 * If the connection drops it reconnects with back-off; a change committed while it was down is not replayed (the
 * page refetches the queue whenever the stream reconnects, so nothing stays missing).
 */
@Injectable()
export class ProposalChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new JsonLogger('live');
  private readonly subject = new Subject<ProposalChange>();
  private client?: Client;
  private stopped = false;
  private attempt = 0;
  private started = false;

  constructor(
    @Inject(LIVE_DATABASE_URL) private readonly databaseUrl: string,
    /** Dropped before a change is announced: a page that refetches on the event must not get its page from before. */
    @Optional() private readonly queuePages?: ReviewQueuePages,
  ) {}

  get changes(): Observable<ProposalChange> {
    return this.subject.asObservable();
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.subject.complete();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'matching-live' });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const change = parseProposalChange(message.payload);
      if (!change) return;
      // Another replica's change reaches the page cache on its own connection, maybe after this one: drop it first.
      this.queuePages?.invalidate();
      this.subject.next(change);
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.logger.write('warn', 'live listener connection lost; reconnecting', { reason });
      void client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.started = true;
      this.attempt = 0;
    } catch (error) {
      await client.end().catch(() => undefined);
      // At start-up a database that cannot be reached stops the service, as everywhere else; later, keep trying.
      if (!this.started) throw error;
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
    setTimeout(() => void this.connect().catch(() => this.reconnectLater()), delay).unref();
  }
}
