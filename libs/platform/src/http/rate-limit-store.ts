import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { DataSource, QueryRunner } from 'typeorm';
import { asService } from '../database/database-identity';

/**
 * The rate limiter's counts in the service's own database, so that every replica of a service counts against one
 * budget per caller (docs/access-control.md, "Abuse limits"): two processes behind a load balancer used to allow a
 * caller twice the limit, each counting on its own.
 *
 * Why this store: @nestjs/throttler stays the guard (it runs beside our token and policy guards, keys on the verified
 * subject, answers 429 with Retry-After and the X-RateLimit headers); it takes any ThrottlerStorage. The counting is
 * rate-limiter-flexible's `RateLimiterPostgres` (a well-kept library: 7 M downloads a month, an atomic
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` per request), on the PostgreSQL every service already has, because
 * our rule is no extra server (the throttler's own shared store is Redis). Its windows are fixed, not sliding: a
 * caller's budget starts with her first request and renews when the window ends (Retry-After says when), so
 * across one window's end she may make at most twice the limit in one window's time, as with any fixed window.
 *
 * The table is `<schema>.rate_limits` (migration 1764622000000 of every service), under row-level security as the
 * service's alone: every statement of the limiter runs as the service (asService), whoever's request it counts.
 * When the database cannot answer, or takes longer than STORE_TIMEOUT_MS (a partition, where connecting hangs), the
 * counts fall back to this process's memory (the library's insurance limiter and timeout wrapper) rather than
 * refusing or holding every request: the service's own routes fail on the database anyway, and /health must answer.
 */
export const STORE_TIMEOUT_MS = 1000;
export const RATE_LIMIT_TABLE = 'rate_limits';

export async function createRateLimitTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  // The library's own layout (RateLimiterPostgres._getCreateTableStmt): it inserts by position.
  await queryRunner.query(`CREATE TABLE "${schema}".${RATE_LIMIT_TABLE} (
    key varchar(255) PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  )`);
}

export async function dropRateLimitTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".${RATE_LIMIT_TABLE}`);
}

/** A pg-style client for the library ('pool' store type) whose every statement runs on the guarded DataSource as the service. */
function serviceClient(
  dataSource: DataSource,
  service: string,
): { query(q: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }> } {
  return {
    query: async ({ text, values }) => {
      const result: unknown = await asService(service, () => dataSource.query(text, values));
      // INSERT … RETURNING and SELECT give their rows; a DELETE (the library's sweep) gives [rows, count].
      return { rows: Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]) : ((result as unknown[]) ?? []) };
    },
  };
}

export class PostgresRateLimitStore implements ThrottlerStorage {
  /** One limiter per window and limit (a subject's and an address's budgets differ); they share the table. */
  private readonly limiters = new Map<string, RLWrapperTimeouts>();
  private readonly client: ReturnType<typeof serviceClient>;

  constructor(
    dataSource: DataSource,
    private readonly schema: string,
    service: string,
  ) {
    this.client = serviceClient(dataSource, service);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const limiter = this.limiterFor(ttl, limit);
    try {
      const res = await limiter.consume(`${throttlerName}:${key}`);
      return { totalHits: res.consumedPoints, timeToExpire: seconds(res.msBeforeNext), isBlocked: false, timeToBlockExpire: 0 };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const wait = seconds(refusal.msBeforeNext);
      return { totalHits: refusal.consumedPoints, timeToExpire: wait, isBlocked: true, timeToBlockExpire: wait };
    }
  }

  private limiterFor(ttlMs: number, limit: number): RLWrapperTimeouts {
    const id = `${ttlMs}:${limit}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const duration = Math.max(1, Math.round(ttlMs / 1000));
      const shared = new RateLimiterPostgres({
        storeClient: this.client,
        storeType: 'pool',
        schemaName: this.schema,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: 'rate',
        points: limit,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'rate', points: limit, duration }),
      });
      limiter = new RLWrapperTimeouts({ limiter: shared, timeoutMs: STORE_TIMEOUT_MS });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/** Whole seconds, at least one: Retry-After and X-RateLimit-Reset never say 0 while the window runs. */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
