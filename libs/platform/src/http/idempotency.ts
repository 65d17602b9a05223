import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable, of } from 'rxjs';
import { DataSource, EntityManager, EntitySubscriberInterface, EventSubscriber, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';
import { asService } from '../database/database-identity';
import { asServiceWithin, SERVICE_SETTING } from '../database/row-level-security';

/**
 * `Idempotency-Key` for writes (the IETF httpapi draft's header): a client that retries a POST after a crash or a
 * lost response gets the first result instead of a second need.
 *
 * Exactly once, not "usually once": the key is recorded inside the request's own writing transaction, so it exists
 * if and only if the write committed. A TypeORM subscriber does that just before the first transaction of the
 * request that wrote something (PostgreSQL has given it a transaction id) commits; a second, concurrent request
 * with the same key blocks on that insert and, once the first commits, fails it, which rolls its own write back.
 * The response is stored right after the handler returns, and answered again to every repeat (with
 * `Idempotent-Replayed: true`). Reusing a key for a different request (method, path, body or actor) is a 422.
 * Keys are kept for 24 hours, in a table of each service's own schema (`createIdempotencyTable` in a migration).
 *
 * A key is its caller's: the row names the actor (`<role>:<subject>`) and is keyed by actor and key, and the table's
 * row-level security (rule `idempotency`) lets a person read, complete and forget only her own rows, so another
 * caller's recorded answer is out of reach even if this code's filter were wrong; two callers who happen to pick the
 * same key do not meet at all. The sweep of expired keys and erasure act as the service.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotent-Replayed';
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a repeat waits for a concurrent twin's response before it answers 409. */
const TWIN_WAIT_MS = 10_000;

export async function createIdempotencyTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".idempotency_keys (
      key text PRIMARY KEY,
      fingerprint text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      response_status int,
      response_body jsonb
    )`);
  await queryRunner.query(`CREATE INDEX idempotency_keys_created_idx ON "${schema}".idempotency_keys (created_at)`);
}

/**
 * In a migration: ties each recorded key to its caller (`actor`, part of the key). Keys recorded before (at most
 * IDEMPOTENCY_RETENTION_HOURS old) kept actor '' until forgetKeysOfNoCaller (migration 1764691000000) removed them.
 */
export async function tieIdempotencyKeysToCallers(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys ADD COLUMN actor text NOT NULL DEFAULT ''`);
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys ALTER COLUMN actor DROP DEFAULT`);
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys ADD PRIMARY KEY (actor, key)`);
}

export async function untieIdempotencyKeys(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DELETE FROM "${schema}".idempotency_keys WHERE actor <> ''`);
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys DROP COLUMN actor`);
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys ADD PRIMARY KEY (key)`);
}

/**
 * In a migration: the keys recorded before keys had callers (actor '') are forgotten, and the table refuses such a
 * key from now on (CHECK), so the policy need not let anyone read them (CALLER_BOUND_RLS).
 *
 * Why forget them rather than keep them for the service alone: a kept row would serve nobody, since every caller
 * reads the table as herself, and answering its caller as the service would rest on this code's filter (the
 * fingerprint) alone, not on the database; the sweep would have taken each of them within 24 hours anyway. What it
 * costs: a client that retries, across this migration and inside the retention, a request it first sent before
 * 1764621000000 has it applied again; the keys are a retry aid, and that window was at most a day of a development
 * installation.
 */
export async function forgetKeysOfNoCaller(queryRunner: QueryRunner, schema: string, service: string): Promise<number> {
  // As the service: the owner is under the table's forced policies like everyone (the service reaches every row).
  await queryRunner.query(`SELECT set_config('${SERVICE_SETTING}', $1, true)`, [service]);
  const [, forgotten]: [unknown, number] = await queryRunner.query(`DELETE FROM "${schema}".idempotency_keys WHERE actor = ''`);
  await queryRunner.query(`SELECT set_config('${SERVICE_SETTING}', '', true)`);
  // Validated over every row, past row-level security: it fails if the DELETE above had missed one.
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys ADD CONSTRAINT idempotency_keys_actor_named CHECK (actor <> '')`);
  return forgotten;
}

export async function allowKeysOfNoCaller(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".idempotency_keys DROP CONSTRAINT idempotency_keys_actor_named`);
}

export async function dropIdempotencyTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".idempotency_keys`);
}

const errorBody = (status: number, error: string, code: string, message: string) => ({ statusCode: status, error, code, message });

/** What a repeat of a request whose result was erased answers (IdempotencyRecords.forgetResultsNaming). */
export const ERASED_RESULT_STATUS = 404;

/**
 * The recorded responses of one schema, beyond answering repeats: what erasure needs. Provided to every service by
 * ServiceInfrastructureModule (libs/messaging).
 */
export class IdempotencyRecords {
  constructor(
    private readonly schema: string,
    /** The answers of every caller are forgotten as the service (each caller's rows are hers alone otherwise). */
    private readonly service?: string,
  ) {}

  /**
   * Erasure: the recorded responses that name `value` (her id in a registration's answer, say) are replaced by a 404
   * saying the result was erased, inside the erasure's transaction. Kept, not deleted, so that a retry of the first
   * request within the retention still changes nothing (a deleted key would register her a second time).
   * Returns how many.
   */
  async forgetResultsNaming(em: EntityManager, value: string): Promise<number> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('idempotency erasure outside a transaction');
    const forget = async (): Promise<number> => {
      // A client that made her id its key: that row cannot be kept without the id.
      const [, deleted]: [unknown, number] = await em.query(`DELETE FROM "${this.schema}".idempotency_keys WHERE key = $1`, [value]);
      const [, affected]: [unknown, number] = await em.query(
        `UPDATE "${this.schema}".idempotency_keys SET response_status = $2, response_body = $3
          WHERE response_body::text LIKE '%' || $1 || '%'`,
        [
          value,
          ERASED_RESULT_STATUS,
          JSON.stringify(errorBody(ERASED_RESULT_STATUS, 'Not Found', 'RESULT_ERASED', 'what this request created or named was erased')),
        ],
      );
      return deleted + affected;
    };
    // Every caller's answers that name her, not only those of the coordinator who erases her.
    return this.service ? asServiceWithin(em, this.service, forget) : forget();
  }
}

interface Claim {
  dataSource: DataSource;
  schema: string;
  actor: string;
  key: string;
  fingerprint: string;
  claimed: boolean;
}

const claims = new AsyncLocalStorage<Claim>();

const actorOrAnonymous = (principal: Principal | undefined): string => (principal ? actorOf(principal) : 'anonymous');

/** Thrown inside the writing transaction when a concurrent request committed the same key first. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly key: string) {
    super(`a concurrent request with Idempotency-Key ${key} committed first`);
    this.name = 'IdempotencyKeyTaken';
  }
}

/** Key order does not change a JSON body's meaning, so it does not change its fingerprint either. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function requestFingerprint(request: { method: string; url: string; body?: unknown; actor: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method.toUpperCase(), request.url, request.actor, canonical(request.body ?? null)]))
    .digest('base64url');
}

/**
 * Registered on every service's DataSource (the decorator is what lets TypeORM accept the class in `subscribers`):
 * claims the request's key in its first writing transaction.
 */
@EventSubscriber()
export class IdempotencyClaimSubscriber implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = claims.getStore();
    if (!claim || claim.claimed || (event.dataSource ?? event.connection) !== claim.dataSource) return;
    const runner = event.queryRunner as QueryRunner & { transactionDepth?: number };
    // Releasing a savepoint is not the commit.
    if ((runner.transactionDepth ?? 1) > 1) return;
    const [{ wrote }] = await runner.query('SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote');
    if (!wrote) return;
    try {
      await runner.query(`INSERT INTO "${claim.schema}".idempotency_keys (actor, key, fingerprint) VALUES ($1, $2, $3)`, [
        claim.actor,
        claim.key,
        claim.fingerprint,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505' || (error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new IdempotencyKeyTaken(claim.key);
      }
      throw error;
    }
    claim.claimed = true;
  }
}

interface StoredKey {
  fingerprint: string;
  completed: boolean;
  status: number | null;
  body: unknown;
  ageMs: number;
}

interface HttpRequestLike {
  method: string;
  originalUrl?: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** Express's response or Fastify's reply: both say their status as `statusCode` and set it with `status()`. */
interface HttpResponseLike {
  statusCode: number;
  status?(code: number): unknown;
  setHeader?(name: string, value: string): void;
  header?(name: string, value: string): void;
}

function setHeader(response: HttpResponseLike, name: string, value: string): void {
  if (typeof response.setHeader === 'function') response.setHeader(name, value);
  else response.header?.(name, value);
}

/**
 * The HTTP side: answers a repeat from the table, runs a first request with its key in scope for the subscriber,
 * and stores the response. Requests without the header, and reads, pass through untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    /** The sweep of expired keys acts as the service (a caller's identity reaches only her own rows). */
    private readonly service?: string,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const response = http.getResponse<HttpResponseLike>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !WRITE_METHODS.has(request.method.toUpperCase())) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (Array.isArray(header) && header.length > 1) throw this.badKey('is given more than once');
    if (!KEY_SHAPE.test(key)) throw this.badKey('must be 1 to 255 visible ASCII characters (a UUID is a good choice)');
    // Interceptors run after the guards: the principal is the verified token's (a key is never shared across users).
    const actor = actorOrAnonymous((request as unknown as { principal?: Principal }).principal);
    const fingerprint = requestFingerprint({ method: request.method, url: request.originalUrl ?? request.url, body: request.body, actor });
    await this.sweepExpired();

    let stored = await this.find(actor, key);
    // Committed moments ago by a twin that is still recording its response: wait for it rather than answer 409.
    if (stored && !stored.completed && stored.fingerprint === fingerprint && stored.ageMs <= TWIN_WAIT_MS)
      stored = await this.waitForCompletion(actor, key);
    if (stored) return of(await this.replay(key, stored, fingerprint, response));

    const claim: Claim = { dataSource: this.dataSource, schema: this.schema, actor, key, fingerprint, claimed: false };
    return from(
      claims.run(claim, async () => {
        let body: unknown;
        try {
          body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          if (!(error instanceof IdempotencyKeyTaken)) throw error;
          // A twin of this request won the race: answer what it answered.
          return this.replay(key, await this.waitForCompletion(actor, key), fingerprint, response);
        }
        if (claim.claimed) {
          await this.dataSource.query(
            `UPDATE "${this.schema}".idempotency_keys SET completed_at = now(), response_status = $3, response_body = $4
              WHERE actor = $1 AND key = $2`,
            // The status the handler answers (it may choose one itself, as "define standard role" does: 201 or 200).
            [actor, key, response.statusCode, JSON.stringify(body ?? null)],
          );
        }
        return body;
      }),
    );
  }

  private async replay(key: string, stored: StoredKey | undefined, fingerprint: string, response: HttpResponseLike): Promise<unknown> {
    if (stored && stored.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException(
        errorBody(
          422,
          'Unprocessable Entity',
          'IDEMPOTENCY_KEY_REUSED',
          `Idempotency-Key ${key} was used for a different request (another method, path, body or actor); use a new key for a new request`,
        ),
      );
    }
    if (!stored || !stored.completed) {
      const lost = stored !== undefined && stored.ageMs > TWIN_WAIT_MS;
      setHeader(response, 'Retry-After', '1');
      throw new ConflictException(
        errorBody(
          409,
          'Conflict',
          lost ? 'IDEMPOTENCY_RESULT_UNKNOWN' : 'IDEMPOTENCY_KEY_IN_USE',
          lost
            ? `the request with Idempotency-Key ${key} was applied, but its response was not recorded (the service stopped in between); read the resource instead of retrying`
            : `a request with Idempotency-Key ${key} is still being processed; retry in a moment`,
        ),
      );
    }
    setHeader(response, IDEMPOTENCY_REPLAYED_HEADER, 'true');
    if (stored.status === ERASED_RESULT_STATUS) throw new NotFoundException(stored.body);
    // The first answer's status too, not the route's default (Nest set that before the interceptors; nothing after).
    if (stored.status !== null && typeof response.status === 'function') response.status(stored.status);
    return stored.body;
  }

  private async waitForCompletion(actor: string, key: string): Promise<StoredKey | undefined> {
    const deadline = Date.now() + TWIN_WAIT_MS;
    for (;;) {
      const stored = await this.find(actor, key);
      if ((stored && stored.completed) || Date.now() > deadline) return stored;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Her own key (the table's policy would hide anyone else's even without the filter). */
  private async find(actor: string, key: string): Promise<StoredKey | undefined> {
    const rows: { fingerprint: string; completed: boolean; response_status: number | null; response_body: unknown; age_ms: number }[] =
      await this.dataSource.query(
        `SELECT fingerprint, completed_at IS NOT NULL AS completed, response_status, response_body,
                (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
           FROM "${this.schema}".idempotency_keys
          WHERE actor = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
        [actor, key, IDEMPOTENCY_RETENTION_HOURS],
      );
    const row = rows[0];
    return (
      row && {
        fingerprint: row.fingerprint,
        completed: row.completed,
        status: row.response_status,
        body: row.response_body,
        ageMs: row.age_ms,
      }
    );
  }

  /** At most every ten minutes, and only when keys are in use: forgets keys past their retention. */
  private async sweepExpired(): Promise<void> {
    if (Date.now() - this.lastSweep < 600_000) return;
    this.lastSweep = Date.now();
    const sweep = () =>
      this.dataSource.query(`DELETE FROM "${this.schema}".idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [
        IDEMPOTENCY_RETENTION_HOURS,
      ]);
    // Everyone's expired keys, not only the caller's who happens to trigger it.
    await (this.service ? asService(this.service, sweep) : sweep());
  }

  private badKey(problem: string): BadRequestException {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `Idempotency-Key ${problem}` });
  }
}

/** Adds the header to every write operation of an OpenAPI document, so the document says what the API does. */
export function documentIdempotencyKey(document: {
  paths: Record<string, Record<string, { parameters?: unknown[]; responses?: Record<string, unknown> }>>;
}): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  });
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!WRITE_METHODS.has(method.toUpperCase())) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 255 },
          description:
            `Makes a retry safe: a repeat with the same key within ${IDEMPOTENCY_RETENTION_HOURS} h answers the first response ` +
            `(with Idempotent-Replayed: true) and changes nothing; the same key for a different request answers 422, ` +
            `and while the first is still in progress 409 with Retry-After.`,
        },
      ];
      // What the key itself can answer, whatever the operation does: a malformed key, a key reused for another
      // request, a key whose first request is still running or never recorded its response, and a key whose first
      // result was erased with the candidate it named.
      const responses = (operation.responses ??= {});
      responses['400'] ??= error('Malformed input, or a malformed Idempotency-Key');
      responses['409'] ??= error(
        'A request with this Idempotency-Key is still in progress (Retry-After), or was applied without a recorded response',
      );
      responses['422'] ??= error('This Idempotency-Key was used for a different request');
      responses['404'] ??= error(
        'Not found, or (RESULT_ERASED) what the first request with this Idempotency-Key created or named was erased',
      );
    }
  }
}
