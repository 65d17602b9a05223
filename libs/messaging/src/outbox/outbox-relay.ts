import { CONTENT_TYPE, EventEnvelope, MESSAGE_HEADERS, physicalTopic, ServiceName } from '@jobbspar/contracts';
import { asService, describeErrorSafely, endSpans, JsonLogger, startPublishSpans } from '@jobbspar/platform';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { messagingMetrics, watchBacklog } from '../metrics';
import { unsentOutboxRow } from '../messaging-tables';
import { EventTransport, OutgoingMessage } from '../transport/event-transport';
import { outboxLockKey, takeOutboxAppend } from './outbox';

export interface OutboxRelayOptions {
  /** The service whose outbox it is: the relay reads it as that service (row-level security), and labels its metrics. */
  service: ServiceName;
  schema: string;
  topicPrefix: string;
  batchSize?: number;
  pollMs?: number;
}

/** The headers of every published message, as the AsyncAPI document lists them (`MessageHeaders`). */
export function envelopeHeaders(envelope: EventEnvelope): Record<keyof typeof MESSAGE_HEADERS, string> {
  return {
    'content-type': CONTENT_TYPE,
    'event-id': envelope.eventId,
    'event-type': envelope.type,
    'schema-version': String(envelope.schemaVersion),
    producer: envelope.producer,
    tenant: envelope.tenant,
    'correlation-id': envelope.correlationId,
  };
}

/** An outbox row as the relay reads it: sent already (marked on its own), or with its message as it will go to Kafka and its lane. */
interface OutboxRow {
  id: string;
  eventId: string;
  message_key: string;
  traceparent: string | null;
  /** Marked published on its own before (a row above the position, sent while a gap or a failed lane held it back). */
  sent: boolean;
  /** Erasure: deleted once sent (Outbox.forgetOncePublished). */
  forget: boolean;
  message: OutgoingMessage;
  lane: number;
}

interface StoredRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  message: string | null;
  envelope: EventEnvelope | null;
  schema_version: string;
  producer: string;
  tenant: string;
  correlation_id: string;
  traceparent: string | null;
  forget_once_published: boolean;
  sent: boolean;
}

/**
 * A gap in the ids above the position: ids taken by transactions not committed when the relay read (or rolled back,
 * or rows deleted). The position waits below it; once every transaction that was running then has ended
 * (`pg_snapshot_xmin` has passed `xmax`), whatever is still missing up to `readUpTo` will never come.
 */
interface Gap {
  readUpTo: bigint;
  xmax: string;
}

/** A batch's send: the rows the broker acknowledged (a prefix of each lane's), and the first failure if any. */
interface Sent {
  acknowledged: OutboxRow[];
  failure?: { error: unknown };
}

/** Batches one turn of the relay publishes before it commits and lets go of its lock. */
const MAX_BATCHES_PER_TURN = 10;
/** What one produce request carries at most: under the broker's default message.max.bytes (1 MiB) with room to spare. */
const MAX_REQUEST_BYTES = 900 * 1024;
/** A record's size on the wire, near enough: its value, key and headers (about 200 bytes) and the record's framing. */
const rowBytes = (row: OutboxRow): number => Buffer.byteLength(row.message.value) + row.message_key.length + 300;

/** `promise`, with its rejection handled meanwhile (it is awaited later, after other awaits): no unhandled rejection. */
function watched<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** A turn that published `published` rows, then failed to send the next batch. */
export class RelayPartlyPublished extends Error {
  constructor(
    readonly published: number,
    override readonly cause: unknown,
  ) {
    super(`published ${published} events, then a send failed: ${describeErrorSafely(cause)}`);
  }
}

/**
 * Publishes unsent outbox rows in id order. One relay per schema publishes at a time (a transaction-scoped
 * advisory lock), so a second replica cannot overtake the first and break per-key order. A row counts as sent only
 * after the broker acknowledged it; a crash in between publishes it again, which consumers' inboxes absorb. While
 * the broker is down, rows wait and the relay backs off: nothing is lost and nothing crashes.
 *
 * What was sent is a position, not a mark on every row: `outbox_relay.sent_through` says every row up to that id is
 * sent; it moves past a batch with one small UPDATE. A row above it is sent when its `published_at` is set: rows the
 * broker acknowledged beyond a row it did not (a failed lane's) or beyond a gap in the ids. A gap is an id whose
 * transaction had not committed when the relay read (or was rolled back, or whose row an erasure deleted); the
 * position stays below it, and moves on once every transaction that was running when the gap was seen has ended
 * (Outbox takes a transaction's id before a row's, so a later commit can only fill ids of those transactions).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private readonly logger = new JsonLogger('outbox-relay');
  private readonly lockKey: number;
  private failures = 0;
  private gap?: Gap;
  private unwatch?: () => void;
  /** A transaction that appended to this outbox committed since the current turn began: publish again at once. */
  private woken = false;
  /**
   * Wakes the relay when a transaction of this process that appended to the outbox commits: at a steady rate the
   * poll's wait (up to pollMs, 50 ms) was the largest part of an event's way from its commit to the broker. The poll
   * stays for what others commit (another replica, a tool).
   */
  private readonly onCommit: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) => {
      // A savepoint released is not the commit: the rows are not visible to the relay yet.
      if (!event.queryRunner.isTransactionActive && takeOutboxAppend(event.queryRunner, this.options.schema)) this.wake();
    },
    afterTransactionRollback: (event: TransactionRollbackEvent) => {
      if (!event.queryRunner.isTransactionActive) takeOutboxAppend(event.queryRunner, this.options.schema);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions,
  ) {
    this.lockKey = outboxLockKey(options.schema);
  }

  private get service(): ServiceName {
    return this.options.service;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unwatch = watchBacklog({ service: this.service, stats: () => this.backlogStats() });
    (this.dataSource.subscribers as EntitySubscriberInterface[]).push(this.onCommit);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unwatch?.();
    const subscribers = this.dataSource.subscribers as EntitySubscriberInterface[];
    if (subscribers.includes(this.onCommit)) subscribers.splice(subscribers.indexOf(this.onCommit), 1);
    this.wakeUp?.();
    await this.loop;
  }

  /** Publishes now: at once if waiting for the next poll, right after the turn under way otherwise (not while backing off). */
  private wake(): void {
    this.woken = true;
    if (this.failures === 0) this.wakeUp?.();
  }

  /**
   * Publishes what is unsent, a batch at a time, up to `MAX_BATCHES_PER_TURN` batches in one transaction (the one
   * that holds the relay's lock); returns how many rows it published. Exposed for tests and the replay tool.
   *
   * A batch is split by the transport's lanes (Kafka: producers owning disjoint partitions); the lanes send at the
   * same time, each its rows in order, one request in flight, so the order per key holds. While the broker
   * acknowledges one batch, the next is read, and while the next is sent, the one before is marked: the database and
   * the broker work at the same time. A batch is sent only after every lane acknowledged the one before it.
   * When a lane's send fails, what the broker acknowledged (the other lanes' rows, the failed lane's earlier
   * requests) stays marked (the transaction commits it), the failed lane's other rows wait for the next turn, and
   * the failure is reported after the commit.
   */
  async drainOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 2000;
    let failure: unknown;
    // The relay publishes every tenant's events: it reads the outbox as the service itself.
    const published = await asService(this.service, () =>
      this.dataSource.transaction(async (em) => {
        const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [this.lockKey]);
        if (!locked) return 0;
        // Batches are read on a connection of their own, so that reading the next batch does not wait for the
        // marking of the one before (the rows are marked in the lock's transaction, below).
        const reader = this.dataSource.createQueryRunner();
        try {
          await reader.startTransaction();
          return await this.drainLocked(em, reader, batchSize, (error) => (failure = error));
        } finally {
          if (reader.isTransactionActive) await reader.commitTransaction().catch(() => undefined);
          await reader.release();
        }
      }),
    );
    if (failure !== undefined) throw new RelayPartlyPublished(published, failure);
    return published;
  }

  /** drainOnce's turn, under the lock: reads with `reader`, marks with `em`; a partial failure goes to `failed`. */
  private async drainLocked(em: EntityManager, reader: QueryRunner, batchSize: number, failed: (error: unknown) => void): Promise<number> {
    const schema = `"${this.options.schema}"`;
    const [{ sent_through }]: { sent_through: string }[] = await em.query(`SELECT sent_through::text FROM ${schema}.outbox_relay`);
    const stored = BigInt(sent_through);
    let through = await this.settleGap(em, stored);
    /** The position moves only while every row after it is sent; past the first that is not, rows are marked. */
    let advancing = true;
    const read = async (afterId: bigint): Promise<OutboxRow[]> => {
      const stored: StoredRow[] = await reader.query(
        `SELECT id::text, event_id, topic, message_key, event_type, message, CASE WHEN message IS NULL THEN envelope END AS envelope,
                envelope->>'schemaVersion' AS schema_version, envelope->>'producer' AS producer, envelope->>'tenant' AS tenant,
                envelope->>'correlationId' AS correlation_id, traceparent, forget_once_published, published_at IS NOT NULL AS sent
           FROM ${schema}.outbox o WHERE o.id > $1 ORDER BY o.id LIMIT $2`,
        [afterId.toString(), batchSize],
      );
      const rows = stored.map((row): OutboxRow => ({
        id: row.id,
        eventId: row.event_id,
        message_key: row.message_key,
        traceparent: row.traceparent,
        sent: row.sent,
        forget: row.forget_once_published,
        message: {
          topic: physicalTopic(this.options.topicPrefix, row.topic),
          key: row.message_key,
          // Written as compact JSON when appended; rows appended before the column existed are printed here.
          value: row.message ?? JSON.stringify(row.envelope),
          headers: {
            'content-type': CONTENT_TYPE,
            'event-id': row.event_id,
            'event-type': row.event_type,
            'schema-version': row.schema_version,
            producer: row.producer,
            tenant: row.tenant,
            'correlation-id': row.correlation_id,
          },
        },
        lane: 0,
      }));
      const unsent = rows.filter((r) => !r.sent);
      const lanes = this.transport.lanes && unsent.length > 0 ? await this.transport.lanes(unsent.map((r) => r.message)) : undefined;
      if (lanes) unsent.forEach((row, i) => (row.lane = lanes[i]));
      return rows;
    };
    /** Moves the position over the batch's sent prefix; returns the acknowledged rows it could not pass. */
    const advance = async (rows: readonly OutboxRow[], acknowledged: ReadonlySet<OutboxRow>): Promise<OutboxRow[]> => {
      const beyond: OutboxRow[] = [];
      for (const row of rows) {
        const done = row.sent || acknowledged.has(row);
        if (advancing && done && BigInt(row.id) === through + 1n) {
          through = BigInt(row.id);
          continue;
        }
        if (advancing && BigInt(row.id) > through + 1n && !this.gap) {
          // Ids missing below this row: the transactions running now may still commit them.
          const [{ xmax }]: { xmax: string }[] = await em.query('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
          this.gap = { readUpTo: BigInt(rows[rows.length - 1].id), xmax };
        }
        advancing = false;
        if (acknowledged.has(row)) beyond.push(row);
      }
      return beyond;
    };
    const mark = async (beyond: readonly OutboxRow[], forgotten: readonly OutboxRow[]): Promise<void> => {
      if (beyond.length > 0) {
        await em.query(`UPDATE ${schema}.outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [beyond.map((r) => r.id)]);
      }
      // Erasure marked these (no erasure runs during a turn: it waits for the lock, Outbox.holdRelay): sent, so gone.
      if (forgotten.length > 0) {
        await em.query(`DELETE FROM ${schema}.outbox WHERE id = ANY($1::bigint[])`, [forgotten.map((r) => r.id)]);
      }
    };
    const savePosition = async (): Promise<void> => {
      if (this.gap && this.gap.readUpTo <= through) this.gap = undefined;
      if (through !== stored) await em.query(`UPDATE ${schema}.outbox_relay SET sent_through = $1`, [through.toString()]);
    };
    let done = 0;
    let marking: Promise<void> = Promise.resolve();
    let rows = await read(through);
    for (let turn = 1; rows.length > 0; turn++) {
      const sending = this.send(rows.filter((r) => !r.sent));
      const more = rows.length === batchSize && turn < MAX_BATCHES_PER_TURN;
      const next = watched(more ? read(BigInt(rows[rows.length - 1].id)) : Promise.resolve([]));
      const sent = await sending;
      // The batch before was marked meanwhile; this one is marked while the next is sent.
      await marking;
      const acknowledged = new Set(sent.acknowledged);
      const beyond = await advance(rows, acknowledged);
      marking = watched(
        mark(
          beyond,
          sent.acknowledged.filter((r) => r.forget),
        ),
      );
      done += sent.acknowledged.length;
      if (sent.failure) {
        await next.catch(() => undefined);
        await marking;
        if (done === 0) throw sent.failure.error;
        await savePosition();
        failed(sent.failure.error);
        return done;
      }
      rows = await next;
    }
    await marking;
    await savePosition();
    return done;
  }

  /**
   * The position over a gap once nothing can fill it any more: every transaction that was running when it was seen
   * has ended, so the rows up to what was read then are all there is; it stops below the first of them not sent.
   */
  private async settleGap(em: EntityManager, through: bigint): Promise<bigint> {
    const gap = this.gap;
    if (!gap) return through;
    const [{ settled }]: { settled: boolean }[] = await em.query('SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS settled', [
      gap.xmax,
    ]);
    if (!settled) return through;
    this.gap = undefined;
    const [{ upTo }]: { upTo: string }[] = await em.query(
      `SELECT coalesce(min(id) - 1, $2::bigint)::text AS "upTo" FROM "${this.options.schema}".outbox
        WHERE id > $1 AND id <= $2 AND published_at IS NULL`,
      [through.toString(), gap.readUpTo.toString()],
    );
    return BigInt(upTo) > through ? BigInt(upTo) : through;
  }

  /**
   * Sends a batch: its lanes at the same time, each lane's rows in order, in requests of at most `MAX_REQUEST_BYTES`
   * (a partition's record batch must stay under the broker's message.max.bytes, 1 MB by default), each request after
   * the lane's one before it was acknowledged. A lane stops at its first failed request; the others go on.
   */
  private async send(rows: readonly OutboxRow[]): Promise<Sent> {
    const byLane = new Map<number, OutboxRow[]>();
    for (const row of rows) {
      const list = byLane.get(row.lane);
      if (list) list.push(row);
      else byLane.set(row.lane, [row]);
    }
    const lanes = await Promise.all([...byLane].map(([lane, laneRows]) => this.sendLane(lane, laneRows)));
    const acknowledged = new Set(lanes.flatMap((l) => l.acknowledged));
    return {
      // In id order, as read: the marking does not depend on which lane answered first.
      acknowledged: rows.filter((row) => acknowledged.has(row)),
      failure: lanes.find((l) => l.failure)?.failure,
    };
  }

  private async sendLane(lane: number, rows: readonly OutboxRow[]): Promise<Sent> {
    const acknowledged: OutboxRow[] = [];
    let request: OutboxRow[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      await this.sendRequest(lane, request);
      acknowledged.push(...request);
      [request, bytes] = [[], 0];
    };
    try {
      for (const row of rows) {
        const size = rowBytes(row);
        if (request.length > 0 && bytes + size > MAX_REQUEST_BYTES) await flush();
        request.push(row);
        bytes += size;
      }
      if (request.length > 0) await flush();
      return { acknowledged };
    } catch (error) {
      return { acknowledged, failure: { error } };
    }
  }

  private async sendRequest(lane: number, rows: readonly OutboxRow[]): Promise<void> {
    const messages = rows.map((row) => row.message);
    // A producer span per traced event, its traceparent in the record's headers (libs/platform tracing.ts).
    const spans = startPublishSpans(
      messages.map((m, i) => ({ topic: m.topic, headers: m.headers, eventId: rows[i].eventId, traceparent: rows[i].traceparent })),
    );
    try {
      await this.transport.publish(messages, lane);
    } catch (error) {
      endSpans(spans, error);
      throw error;
    }
    endSpans(spans);
  }

  /** Unsent rows and how long the oldest has waited, for the metrics. */
  async backlogStats(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const [row] = await asService(this.service, () =>
      this.dataSource.query(
        `SELECT count(*)::int AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
         FROM "${this.options.schema}".outbox WHERE ${unsentOutboxRow(this.options.schema)}`,
      ),
    );
    return { backlog: row.backlog, oldestAgeSeconds: row.age };
  }

  /** Unsent rows: the backlog an operator watches. */
  async backlog(): Promise<number> {
    const [{ count }] = await asService(this.service, () =>
      this.dataSource.query(
        `SELECT count(*)::int AS count FROM "${this.options.schema}".outbox WHERE ${unsentOutboxRow(this.options.schema)}`,
      ),
    );
    return count;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 50;
    while (this.running) {
      let published = 0;
      this.woken = false;
      try {
        published = await this.drainOnce();
        if (published > 0) messagingMetrics.published.inc({ service: this.service }, published);
        if (this.failures > 0) this.logger.write('info', 'outbox relay recovered', { schema: this.options.schema });
        this.failures = 0;
      } catch (error) {
        if (error instanceof RelayPartlyPublished) messagingMetrics.published.inc({ service: this.service }, error.published);
        this.failures++;
        messagingMetrics.publishFailures.inc({ service: this.service });
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.write('warn', 'outbox publish failed; events stay in the outbox', {
            schema: this.options.schema,
            attempt: this.failures,
            error: describeErrorSafely(error),
          });
        }
      }
      if ((published > 0 || this.woken) && this.failures === 0) continue;
      // Stopped during the turn: its wake-up came before this wait (a stop must not wait out the poll or a back-off).
      if (!this.running) break;
      const delay = this.failures > 0 ? Math.min(5000, 100 * 2 ** Math.min(this.failures, 6)) : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
