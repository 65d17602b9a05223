/**
 * In-memory stand-ins for the seams command handlers take — a DataSource whose transaction rolls back what its
 * participants recorded, and an Outbox that records appends — for fast handler specs without a database or a
 * broker. Test code only: a boundary rule keeps production code from importing this lib.
 */
import { Contract, createEnvelope, EventEnvelope } from '@jobbspar/contracts';
import { Inbox, Outbox, OutboxContext, type OutboxEntry } from '@jobbspar/messaging';
import { Clock, IdempotencyRecords } from '@jobbspar/platform';
import type { DataSource, EntityManager } from 'typeorm';

/** Something whose recorded state a rolled-back transaction restores. */
export interface Transactional {
  snapshot(): () => void;
}

/** The stub EntityManager handed to a transaction's callback: it knows whether it is live, and runs no SQL. */
export type FakeEntityManager = EntityManager;

/**
 * Handlers run SQL only through repositories, and their fakes read none: a raw `em.query` in a handler under a
 * unit spec fails the spec, naming the statement (its place is a repository, tested by a medium spec).
 */
export function fakeEntityManager(active: boolean): FakeEntityManager {
  const em = {
    queryRunner: { isTransactionActive: active },
    query: async (sql: string) => {
      throw new Error(`raw SQL in a unit spec (move it into a repository): ${sql.trim().split(/\s+/).slice(0, 6).join(' ')} ...`);
    },
  };
  return em as unknown as FakeEntityManager;
}

export class FakeDataSource {
  /** The non-transactional manager (`dataSource.manager`). */
  readonly manager = fakeEntityManager(false);
  /** Every transaction's EntityManager, in order. */
  readonly transactions: FakeEntityManager[] = [];
  rollbacks = 0;
  /** The isolation level each transaction that named one asked for, in order. */
  readonly isolationLevels: string[] = [];

  constructor(private readonly participants: Transactional[]) {}

  /** As TypeORM's: `transaction(fn)` or `transaction(isolationLevel, fn)` (the level is recorded, not simulated). */
  async transaction<T>(levelOrFn: string | ((em: EntityManager) => Promise<T>), maybeFn?: (em: EntityManager) => Promise<T>): Promise<T> {
    const fn = typeof levelOrFn === 'function' ? levelOrFn : maybeFn!;
    if (typeof levelOrFn === 'string') this.isolationLevels.push(levelOrFn);
    const restores = this.participants.map((p) => p.snapshot());
    const em = fakeEntityManager(true);
    this.transactions.push(em);
    try {
      return await fn(em);
    } catch (error) {
      restores.forEach((restore) => restore());
      this.rollbacks++;
      throw error;
    } finally {
      (em.queryRunner as { isTransactionActive: boolean }).isTransactionActive = false;
    }
  }

  asDataSource(): DataSource {
    return this as unknown as DataSource;
  }
}

export interface AppendedEvent<P = unknown> {
  em: EntityManager;
  contract: Contract<object>;
  payload: P;
  ctx: OutboxContext;
  envelope: EventEnvelope<P>;
}

/**
 * Records what would go to the outbox table. Like the real one it refuses an append outside a live transaction and
 * validates the payload against the contract (createEnvelope), so a handler publishing an invalid payload fails.
 */
export class FakeOutbox extends Outbox implements Transactional {
  appended: AppendedEvent[] = [];

  constructor(private readonly producerName: EventEnvelope['producer']) {
    super(producerName, 'fake');
  }

  override async append<P extends object>(
    em: EntityManager,
    contract: Contract<P>,
    payload: P,
    ctx: OutboxContext,
  ): Promise<EventEnvelope<P>> {
    if (!em.queryRunner?.isTransactionActive) throw new Error(`outbox append of ${contract.type} outside a transaction`);
    const envelope = createEnvelope(contract, payload, { ...ctx, producer: this.producerName });
    this.appended.push({ em, contract: contract as Contract<object>, payload, ctx, envelope });
    return envelope;
  }

  /** Validates every entry before recording any, as the real one writes all of them or none. */
  override async appendMany(em: EntityManager, entries: readonly OutboxEntry[]): Promise<EventEnvelope[]> {
    if (!em.queryRunner?.isTransactionActive) throw new Error(`outbox append of ${entries.length} events outside a transaction`);
    const envelopes = entries.map((e) => createEnvelope(e.contract, e.payload, { ...e.ctx, producer: this.producerName }));
    entries.forEach((e, i) => this.appended.push({ em, contract: e.contract, payload: e.payload, ctx: e.ctx, envelope: envelopes[i] }));
    return envelopes;
  }

  /** What `forgetPublished` was asked to erase, in order. */
  forgotten: { em: EntityManager; payloadField: string; value: string }[] = [];

  override async forgetPublished(em: EntityManager, payloadField: string, value: string): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox erasure outside a transaction');
    this.forgotten.push({ em, payloadField, value });
    return 0;
  }

  /** What `forget` was asked to erase, in order, with how many appends had been made by then. */
  forgets: { em: EntityManager; aggregateIds: readonly string[]; payloadField: string; value: string; afterAppends: number }[] = [];

  override async forget(em: EntityManager, by: { aggregateIds: readonly string[]; payloadField: string; value: string }): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox erasure outside a transaction');
    this.forgets.push({ em, ...by, aggregateIds: [...by.aggregateIds], afterAppends: this.appended.length });
    return 0;
  }

  /** What `forgetOncePublished` was asked to mark, in order, with how many appends had been made by then. */
  marked: { em: EntityManager; aggregateIds: readonly string[]; payloadField: string; value: string; afterAppends: number }[] = [];

  override async forgetOncePublished(
    em: EntityManager,
    by: { aggregateIds: readonly string[]; payloadField: string; value: string },
  ): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox erasure outside a transaction');
    this.marked.push({ em, ...by, aggregateIds: [...by.aggregateIds], afterAppends: this.appended.length });
    return 0;
  }

  snapshot(): () => void {
    const before = [...this.appended];
    const forgotten = [...this.forgotten];
    const forgets = [...this.forgets];
    const marked = [...this.marked];
    return () => {
      this.appended = before;
      this.forgotten = forgotten;
      this.forgets = forgets;
      this.marked = marked;
    };
  }

  types(): string[] {
    return this.appended.map((e) => e.contract.type);
  }
}

/** Records what erasure asked the inbox to forget. */
export class FakeInbox extends Inbox implements Transactional {
  forgets: { em: EntityManager; aggregateIds: readonly string[] }[] = [];

  constructor() {
    super('fake');
  }

  override async forget(em: EntityManager, aggregateIds: readonly string[]): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('inbox erasure outside a transaction');
    this.forgets.push({ em, aggregateIds: [...aggregateIds] });
    return 0;
  }

  snapshot(): () => void {
    const before = [...this.forgets];
    return () => {
      this.forgets = before;
    };
  }
}

/** Records what erasure asked the recorded responses to forget. */
export class FakeIdempotencyRecords extends IdempotencyRecords implements Transactional {
  forgotten: string[] = [];

  constructor() {
    super('fake');
  }

  override async forgetResultsNaming(em: EntityManager, value: string): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('idempotency erasure outside a transaction');
    this.forgotten.push(value);
    return 0;
  }

  snapshot(): () => void {
    const before = [...this.forgotten];
    return () => {
      this.forgotten = before;
    };
  }
}

export function restorable<K, V>(map: Map<K, V>): () => void {
  const before = new Map(map);
  return () => {
    map.clear();
    before.forEach((v, k) => map.set(k, v));
  };
}

export function restoreAll(...maps: Map<unknown, unknown>[]): () => void {
  const restores = maps.map(restorable);
  return () => restores.forEach((r) => r());
}

/** A unique violation as the pg driver reports it through TypeORM. */
export function uniqueViolation(constraint: string): Error {
  return Object.assign(new Error(`duplicate key value violates unique constraint "${constraint}"`), {
    driverError: { code: '23505', constraint },
  });
}

/** A clock standing still at `at` until a spec moves it (`set`, `advance`): `today()` is then Sweden's day at `at`. */
export class FixedClock extends Clock {
  constructor(public at: Date = new Date('2030-01-10T08:00:00Z')) {
    super();
  }

  now(): Date {
    return this.at;
  }

  set(at: Date | string): void {
    this.at = new Date(at);
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
/** The error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a rejection, but the promise resolved');
}

export * from './medium-database';
export * from './contract-validators';
