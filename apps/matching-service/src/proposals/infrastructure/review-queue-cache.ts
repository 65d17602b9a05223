import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentDatabaseIdentity, type DatabaseIdentity, JsonLogger, ListenConnection } from '@jobbspar/platform';
import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import { ReviewQueuePages } from '../domain/review-queue-pages';

/** The channel migration 1764680000000 notifies (payload: the schema) on any change of proposals, needs or employers. */
export const REVIEW_QUEUE_CHANNEL = 'matching_review_queue';
/** Pages kept at most (each ≤ ~100 kB): filters × callers; the oldest goes first. */
const MAX_PAGES = 200;
/** A statement that may change rows (a `SELECT … FOR UPDATE` counts too: a false alarm only costs a reload). */
const WRITE = /\b(?:INSERT|UPDATE|DELETE|TRUNCATE|MERGE|COPY)\b/i;
/** Writes to the platform's own tables (rate-limit counts, audit entries, idempotency keys) change no page. */
const PLATFORM_ONLY = /\b(?:rate_limits|audit_log|idempotency_keys)\b/;
const QUEUE_TABLES = /\b(?:proposals|needs|employers)\b/;

export function changesQueue(sql: string): boolean {
  return WRITE.test(sql) && (QUEUE_TABLES.test(sql) || !PLATFORM_ONLY.test(sql));
}

/** Whether a notification says this schema's queue tables changed (replay's scratch schemas notify the same channel). */
export function notifiesSchema(message: { channel: string; payload?: string }, schema: string): boolean {
  return message.channel === REVIEW_QUEUE_CHANNEL && message.payload === schema;
}

type Runner = QueryRunner & { transactionDepth?: number };

/** A caller's whole database identity as text, once per identity (a verified principal keeps hers: database-identity.ts). */
const identityKeys = new WeakMap<DatabaseIdentity, string>();
function keyOf(identity: DatabaseIdentity): string {
  let key = identityKeys.get(identity);
  if (key === undefined) identityKeys.set(identity, (key = JSON.stringify(identity)));
  return key;
}

/**
 * The review queue's pages in memory (issue 14: the queue at ≥ 0.7× of a bare endpoint). A page is kept per caller
 * (her whole database identity: tenants, roles, organisation, area, actor, so row-level security decides what each
 * caller's page holds exactly as for a read from the database) and per filter, until anything it is read from may
 * have changed:
 *
 * - this process's own writes: a transaction on the service's DataSource that ran a writing statement drops every page
 *   when it commits, before its command answers (so a coordinator's accept is never followed by her old page);
 * - every other writer (another replica, a migration, psql): the tables' statement trigger notifies
 *   `matching_review_queue` at commit, and the notification drops every page when it arrives here (milliseconds
 *   later: a read on this replica in between may still get the page from before that commit);
 * - while the LISTEN connection is down (and before it is up) nothing is kept: every request reads the database.
 *
 * A page is stored under the generation read before its query started, so a change committed while it was being
 * read leaves it stale and unused. Concurrent misses of one page share one query.
 */
@Injectable()
export class ReviewQueueCache extends ReviewQueuePages implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface {
  private readonly logger = new JsonLogger('review-queue-cache');
  private readonly pages = new Map<string, { generation: number; value: Promise<unknown> }>();
  private readonly writing = new WeakSet<QueryRunner>();
  private generation = 0;
  private listening = false;
  private connection?: ListenConnection;
  private readonly schema: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.schema = (dataSource.options as { schema?: string }).schema ?? 'matching';
  }

  /** Whether pages are kept now (the LISTEN connection is up). */
  get active(): boolean {
    return this.listening;
  }

  async onModuleInit(): Promise<void> {
    this.dataSource.subscribers.push(this);
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.listening = false;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    await this.connection?.stop();
  }

  /** The page `filter` names for the current caller: from memory if nothing changed since it was read, else from `load`. */
  override async page<T>(filter: object, load: () => Promise<T>): Promise<T> {
    const identity = currentDatabaseIdentity();
    if (!this.listening || !identity) return load();
    const key = `${keyOf(identity)}|${JSON.stringify(filter)}`;
    const kept = this.pages.get(key);
    if (kept && kept.generation === this.generation) return kept.value as Promise<T>;
    const generation = this.generation;
    const value = load();
    this.pages.delete(key);
    this.pages.set(key, { generation, value });
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    value.catch(() => {
      if (this.pages.get(key)?.value === value) this.pages.delete(key);
    });
    return value;
  }

  /** Drops every page. */
  override invalidate(): void {
    this.generation++;
    this.pages.clear();
  }

  // TypeORM subscriber: this process's own writes.
  afterQuery(event: AfterQueryEvent): void {
    if (!event.success || !changesQueue(event.query)) return;
    const runner = event.queryRunner as Runner;
    if (runner.isTransactionActive) this.writing.add(runner);
    else this.invalidate();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner as Runner;
    if ((runner.transactionDepth ?? 0) > 0 || !this.writing.has(runner)) return;
    this.writing.delete(runner);
    this.invalidate();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner as Runner;
    if ((runner.transactionDepth ?? 0) === 0) this.writing.delete(runner);
  }

  private async connect(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) {
      this.logger.write('warn', 'no database url to LISTEN with: review queue pages are not kept');
      return;
    }
    const connection = new ListenConnection(url, REVIEW_QUEUE_CHANNEL, 'matching-review-queue', {
      notification: (payload) => {
        if (notifiesSchema({ channel: REVIEW_QUEUE_CHANNEL, payload }, this.schema)) this.invalidate();
      },
      up: () => {
        // Whatever changed while nobody listened: start from nothing.
        this.invalidate();
        this.listening = true;
      },
      lost: (reason) => {
        this.listening = false;
        this.invalidate();
        this.logger.write('warn', 'review queue LISTEN connection lost; pages are not kept until it is back', { reason });
      },
    });
    this.connection = connection;
    await connection.startOrRetry();
  }
}
