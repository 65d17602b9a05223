import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { JsonLogger, ListenConnection } from '@jobbspar/platform';
import { Observable, Subject } from 'rxjs';
import { ReviewQueuePages } from '../../proposals/domain/review-queue-pages';
import { parseProposalChange, ProposalChange } from '../domain/proposal-change';

export const LIVE_DATABASE_URL = Symbol('LIVE_DATABASE_URL');
const CHANNEL = 'matching_proposals';

/**
 * One connection per instance that LISTENs on the channel the proposals trigger notifies, turned into a stream.
 * If the connection drops it reconnects with back-off; a change committed while it was down is not replayed (the
 * page refetches the queue whenever the stream reconnects, so nothing stays missing).
 */
@Injectable()
export class ProposalChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new JsonLogger('live');
  private readonly subject = new Subject<ProposalChange>();
  private readonly connection: ListenConnection;

  constructor(
    @Inject(LIVE_DATABASE_URL) databaseUrl: string,
    /** Dropped before a change is announced: a page that refetches on the event must not get its page from before. */
    @Optional() private readonly queuePages?: ReviewQueuePages,
  ) {
    this.connection = new ListenConnection(databaseUrl, CHANNEL, 'matching-live', {
      notification: (payload) => {
        const change = parseProposalChange(payload);
        if (!change) return;
        // Another replica's change reaches the page cache on its own connection, maybe after this one: drop it first.
        this.queuePages?.invalidate();
        this.subject.next(change);
      },
      lost: (reason) => this.logger.write('warn', 'live listener connection lost; reconnecting', { reason }),
    });
  }

  get changes(): Observable<ProposalChange> {
    return this.subject.asObservable();
  }

  /** At start-up a database that cannot be reached stops the service, as everywhere else; later, it keeps trying. */
  async onModuleInit(): Promise<void> {
    await this.connection.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection.stop();
    this.subject.complete();
  }
}
