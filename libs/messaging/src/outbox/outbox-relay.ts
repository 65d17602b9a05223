import { CONTENT_TYPE, EventEnvelope, MESSAGE_HEADERS, physicalTopic } from '@jobbspar/contracts';
import { asService, describeErrorSafely, endSpans, JsonLogger, startPublishSpans } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { messagingMetrics, watchBacklog } from '../metrics';
import { EventTransport, OutgoingMessage } from '../transport/event-transport';

export interface OutboxRelayOptions {
  /** The service, for the metrics' `service` label (default: the schema). */
  service?: string;
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

/**
 * Publishes unsent outbox rows in id order. One relay per schema publishes at a time (a transaction-scoped
 * advisory lock), so a second replica cannot overtake the first and break per-key order. A row is marked sent only
 * after the broker acknowledged it; a crash in between publishes it again, which consumers' inboxes absorb. While
 * the broker is down, rows wait and the relay backs off: nothing is lost and nothing crashes.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private readonly logger = new JsonLogger('outbox-relay');
  private readonly lockKey: number;
  private failures = 0;
  private unwatch?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions,
  ) {
    this.lockKey = [...`outbox:${options.schema}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);
  }

  private get service(): string {
    return this.options.service ?? this.options.schema;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unwatch = watchBacklog({ service: this.service, stats: () => this.backlogStats() });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unwatch?.();
    this.wakeUp?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many rows it published. Exposed for tests and the replay tool. */
  async drainOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    // The relay publishes every tenant's events: it reads the outbox as the service itself.
    return asService(this.service, () =>
      this.dataSource.transaction(async (em) => {
        const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [this.lockKey]);
        if (!locked) return 0;
        const rows: { id: string; topic: string; message_key: string; envelope: EventEnvelope; traceparent: string | null }[] =
          await em.query(
            `SELECT id, topic, message_key, envelope, traceparent FROM "${this.options.schema}".outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1`,
            [batchSize],
          );
        if (rows.length === 0) return 0;
        const messages: OutgoingMessage[] = rows.map((row) => ({
          topic: physicalTopic(this.options.topicPrefix, row.topic),
          key: row.message_key,
          value: JSON.stringify(row.envelope),
          headers: envelopeHeaders(row.envelope),
        }));
        // A producer span per traced event, its traceparent in the record's headers (libs/platform tracing.ts).
        const spans = startPublishSpans(
          messages.map((m, i) => ({
            topic: m.topic,
            headers: m.headers,
            eventId: rows[i].envelope.eventId,
            traceparent: rows[i].traceparent,
          })),
        );
        try {
          await this.transport.publish(messages);
        } catch (error) {
          endSpans(spans, error);
          throw error;
        }
        endSpans(spans);
        const ids = rows.map((r) => r.id);
        // Rows an erasure marked (Outbox.forgetOncePublished) are gone once sent; the others are kept as sent.
        await em.query(`DELETE FROM "${this.options.schema}".outbox WHERE id = ANY($1::bigint[]) AND forget_once_published`, [ids]);
        await em.query(`UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
        return rows.length;
      }),
    );
  }

  /** Unsent rows and how long the oldest has waited, for the metrics. */
  async backlogStats(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const [row] = await asService(this.service, () =>
      this.dataSource.query(
        `SELECT count(*)::int AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
         FROM "${this.options.schema}".outbox WHERE published_at IS NULL`,
      ),
    );
    return { backlog: row.backlog, oldestAgeSeconds: row.age };
  }

  /** Unsent rows: the backlog an operator watches. */
  async backlog(): Promise<number> {
    const [{ count }] = await asService(this.service, () =>
      this.dataSource.query(`SELECT count(*)::int AS count FROM "${this.options.schema}".outbox WHERE published_at IS NULL`),
    );
    return count;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 50;
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
        if (published > 0) messagingMetrics.published.inc({ service: this.service }, published);
        if (this.failures > 0) this.logger.write('info', 'outbox relay recovered', { schema: this.options.schema });
        this.failures = 0;
      } catch (error) {
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
      if (published > 0 && this.failures === 0) continue;
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
