import { AsyncLocalStorage } from 'node:async_hooks';
import { EntitySubscriberInterface, EventSubscriber, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { AuditEntry, AuditLog } from './audit-log';

/**
 * A command's audit entry is part of the command's own transaction: it commits with the state change, or neither
 * does. The request's audit scope (entered around the handler by AuditInterceptor, audit-http.ts) holds the entry to
 * write; AuditEntrySubscriber inserts it just before the request's first writing transaction commits, as the
 * IdempotencyClaimSubscriber claims the request's key. An audit insert that fails aborts the commit: the command
 * answers 500 and changes nothing. A crash between the command's commit and its entry cannot happen, there is no
 * between.
 *
 * What the entry says at that point: the status the response has then (the handler's @HttpCode, else 201 for POST
 * and 200 for the rest, unless the handler set another already) and outcome `success`; the object is the path's ids,
 * else the id the handler named with auditObject() (the id it created, known inside the handler before its commit,
 * not after). What the caller then really receives may differ (a status the handler sets after its commit, a failure
 * after it): audit-http.ts appends the entry's correction (AuditLog.supersede), which the log shows in its place.
 */
export interface AuditScope {
  readonly log: AuditLog;
  /** The entry as a success, with the object known so far. */
  readonly entry: () => AuditEntry;
  /** The id the handler created or changed, when the path names none (auditObject). */
  objectId?: string;
  /** The entry is in the database: committed with the command's transaction, or written before a read's answer. */
  written: boolean;
  /** The entry (or its latest correction) as it stands in the database, once written. */
  recorded?: RecordedEntry;
  /** The transaction whose commit carries the entry, between the insert and the commit, and the entry it carries. */
  committing?: QueryRunner;
  carried?: RecordedEntry;
}

/** What the log says about the request so far: the row that stands for it, with its status and outcome. */
export interface RecordedEntry {
  id: string;
  status: number;
  outcome: AuditEntry['outcome'];
  objectId: string | null;
}

const scopes = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: AuditScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

/** Work of the audit log itself: no entry rides on its own transactions. */
export function outsideAuditScope<T>(work: () => Promise<T>): Promise<T> {
  return scopes.exit(work);
}

/**
 * The handler names the object its command created (the new candidate's, need's or role's id) for the command's
 * audit entry, which is written inside its transaction, before the result reaches the HTTP layer. Outside an audited
 * request (a consumer, a unit spec) it does nothing. The first id named wins.
 */
export function auditObject(id: string): void {
  const scope = scopes.getStore();
  if (scope && scope.objectId === undefined) scope.objectId = id;
}

type Runner = QueryRunner & { transactionDepth?: number };

/** Registered on every service's DataSource (database.ts), beside the idempotency claim. */
@EventSubscriber()
export class AuditEntrySubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const scope = scopes.getStore();
    if (!scope || scope.written || scope.committing || (event.dataSource ?? event.connection) !== scope.log.dataSource) return;
    const runner = event.queryRunner as Runner;
    // Releasing a savepoint is not the commit.
    if ((runner.transactionDepth ?? 1) > 1) return;
    // A transaction that only read commits no effect: the entry waits for the one that writes, or the response.
    const [{ wrote }] = await runner.query('SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote');
    if (!wrote) return;
    const entry = scope.entry();
    const id = await scope.log.appendWithin(runner, entry);
    scope.committing = runner;
    scope.carried = { id, status: entry.status, outcome: entry.outcome, objectId: entry.objectId };
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const scope = scopes.getStore();
    if (scope?.committing !== event.queryRunner || ((event.queryRunner as Runner).transactionDepth ?? 0) > 0) return;
    scope.committing = undefined;
    scope.written = true;
    scope.recorded = scope.carried;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // COMMIT itself failed (or the transaction was rolled back after the insert): the entry went with it.
    const scope = scopes.getStore();
    if (scope?.committing !== event.queryRunner || ((event.queryRunner as Runner).transactionDepth ?? 0) > 0) return;
    scope.committing = undefined;
    scope.carried = undefined;
  }
}
