import { ContractRegistry, ContractViolation, DeadLetterHeader, deadLetterTopic, type DecodedEvent } from '@jobbspar/contracts';
import { describeErrorSafely, DomainError, isInfrastructureOutage, JsonLogger, withLogContext } from '@jobbspar/platform';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { applyOnce, recordOnce } from '../inbox/inbox';
import { messagingMetrics } from '../metrics';
import { EventTransport, IncomingMessage } from '../transport/event-transport';
import { EndOfBatch, ReceivedEvent } from './received-event';

export interface EventPipelineOptions {
  consumer: string;
  /** The consumer group, for the lag metric. */
  groupId?: string;
  schema: string;
  topicPrefix: string;
  dataSource: DataSource;
  transport: EventTransport;
  registry: ContractRegistry;
  /** Runs the service's handler for a logical topic inside the inbox transaction. */
  dispatch: (logicalTopic: string, event: ReceivedEvent) => Promise<void>;
  /** Attempts for an error that is neither clearly permanent nor clearly an outage. */
  maxUnknownAttempts?: number;
  backoffMs?: (attempt: number) => number;
}

export type Outcome = 'applied' | 'duplicate' | 'dead-lettered';

/**
 * Long synchronous stretches of a batch (decoding thousands of messages, handlers that resolve at once) give the event
 * loop a turn every few milliseconds, so that I/O of the batches applied at the same time is not held up behind them.
 */
class Turns {
  private last = process.hrtime.bigint();

  constructor(private readonly budgetNs = 3_000_000n) {}

  /** A turn of the event loop if this stretch has run for its budget, else nothing (no promise, no microtask). */
  due(): Promise<void> | undefined {
    const now = process.hrtime.bigint();
    if (now - this.last < this.budgetNs) return undefined;
    this.last = now;
    return nextTurn().then(() => void (this.last = process.hrtime.bigint()));
  }
}

/** Raised when the consumer stops while a message or a batch is being retried: it stays uncommitted. */
export class ConsumerStopping extends Error {}

type ErrorClass = 'permanent' | 'outage' | 'unknown';

export function classifyError(error: unknown): ErrorClass {
  if (error instanceof ContractViolation || error instanceof DomainError) return 'permanent';
  if ((error as { permanent?: unknown })?.permanent === true) return 'permanent';
  if (isInfrastructureOutage(error)) return 'outage';
  const code = String((error as { code?: unknown })?.code ?? '');
  // Data and integrity violations will fail the same way every time.
  if (/^(22|23)/.test(code)) return 'permanent';
  return 'unknown';
}

/**
 * The one path every incoming message takes, on Kafka and in process alike: decode and validate (a message that
 * can never be read goes to the dead-letter topic with the reason), then apply it once through the inbox. An outage
 * is retried with back-off for as long as it lasts, holding the partition so order is kept; a permanent failure is
 * dead-lettered and the consumer goes on; an unknown failure gets a few attempts first. A transport batch is applied
 * in one transaction (processBatch), with the same outcomes as applying its messages one by one.
 */
export class EventPipeline {
  private running = true;
  private readonly logger: JsonLogger;

  constructor(private readonly options: EventPipelineOptions) {
    this.logger = new JsonLogger('consumer', { consumer: options.consumer });
  }

  stop(): void {
    this.running = false;
  }

  logicalTopic(physical: string): string {
    return physical.startsWith(this.options.topicPrefix) ? physical.slice(this.options.topicPrefix.length) : physical;
  }

  /**
   * A transport batch (one partition's consecutive messages, in order) in one transaction: the inbox rows of the
   * whole batch in one statement, then each new event's handler in order, then the work the handlers deferred to
   * the batch's end (BatchScope), then one commit. The outcomes are those
   * of applying the messages one by one: an event already applied, or earlier in the same batch, is a duplicate;
   * an unreadable message is dead-lettered once the batch committed (it has no effect to order). An outage retries
   * the whole batch, holding the partition; any other failure rolls the batch back and applies its messages one by
   * one through process(), so only the message that fails for good is dead-lettered and the others are applied
   * exactly once, in order.
   */
  async processBatch(messages: readonly IncomingMessage[]): Promise<Outcome[]> {
    if (messages.length === 1) return [await this.process(messages[0])];
    const started = process.hrtime.bigint();
    const outcomes: Outcome[] = new Array<Outcome>(messages.length);
    const decoded: { index: number; topic: string; event: DecodedEvent }[] = [];
    const unreadable: { index: number; reason: string }[] = [];
    const turns = new Turns();
    for (let index = 0; index < messages.length; index++) {
      const turn = turns.due();
      if (turn) await turn;
      const message = messages[index];
      const topic = this.logicalTopic(message.topic);
      try {
        decoded.push({ index, topic, event: this.options.registry.decode(message.value, topic, message.key) });
      } catch (error) {
        unreadable.push({
          index,
          reason: error instanceof ContractViolation ? error.message : `undecodable: ${describeErrorSafely(error)}`,
        });
      }
    }
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(10_000, 100 * 2 ** (n - 1)));
    const service = this.options.consumer;
    const phase = (name: string, from: bigint, to = process.hrtime.bigint()): bigint => {
      messagingMetrics.batchPhases.inc({ service, phase: name }, Number(to - from) / 1e9);
      return to;
    };
    let mark = phase('decode', started);
    for (let attempt = 1; decoded.length > 0; attempt++) {
      // A retry's back-off is no phase.
      if (attempt > 1) mark = process.hrtime.bigint();
      try {
        const applied = await this.options.dataSource.transaction(async (em) => {
          const fresh = await recordOnce(
            em,
            this.options.schema,
            this.options.consumer,
            decoded.map((d) => d.event.envelope),
          );
          // The first occurrence of each new event id is applied; a later one in the same batch is a duplicate.
          const toApply = decoded.filter((d) => fresh.delete(d.event.envelope.eventId.toLowerCase()));
          const scope = new EndOfBatch(
            toApply.map((d) => ({ topic: d.topic, contract: d.event.contract, envelope: d.event.envelope, payload: d.event.payload })),
            (key, seconds) => messagingMetrics.batchPhases.inc({ service, phase: `end:${key}` }, seconds),
          );
          mark = phase('inbox', mark);
          const done = new Set<number>();
          for (const d of toApply) {
            // A batch's handlers often resolve at once (a projection held in memory): without a turn of the event
            // loop now and then, thousands of them would run as one long task while the statements of other
            // partitions' batches (the one that holds matching's lock, above all) wait for their answers to be read.
            const turn = turns.due();
            if (turn) await turn;
            const envelope = d.event.envelope;
            await withLogContext({ correlationId: envelope.correlationId, eventId: envelope.eventId, eventType: envelope.type }, () =>
              this.options.dispatch(d.topic, { ...d.event, type: envelope.type, em, batch: scope }),
            );
            done.add(d.index);
          }
          mark = phase('handlers', mark);
          await scope.run();
          mark = process.hrtime.bigint();
          return done;
        });
        mark = phase('commit', mark);
        for (const d of decoded) outcomes[d.index] = applied.has(d.index) ? 'applied' : 'duplicate';
        this.logger.write('debug', 'batch applied', { events: decoded.length, applied: applied.size, attempt });
        break;
      } catch (error) {
        const kind = classifyError(error);
        if (kind !== 'outage') {
          this.logger.write('warn', 'batch failed; applying its messages one by one', {
            events: decoded.length,
            errorClass: kind,
            error: describeErrorSafely(error),
          });
          for (let i = 0; i < messages.length; i++) outcomes[i] = await this.process(messages[i]);
          return outcomes;
        }
        messagingMetrics.retries.inc({ service: this.options.consumer, topic: decoded[0].topic, class: kind });
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.write('warn', 'batch failed; retrying', {
            events: decoded.length,
            attempt,
            errorClass: kind,
            error: describeErrorSafely(error),
          });
        }
        if (!this.running) throw new ConsumerStopping(`stopped while retrying a batch of ${decoded.length}`);
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
      }
    }
    for (const { index, reason } of unreadable) {
      await this.deadLetter(messages[index], reason);
      outcomes[index] = 'dead-lettered';
    }
    this.recordMetrics(messages, outcomes, started);
    return outcomes;
  }

  async process(message: IncomingMessage): Promise<Outcome> {
    const topic = this.logicalTopic(message.topic);
    const started = process.hrtime.bigint();
    const outcome = await this.handle(message, topic);
    this.recordMetrics([message], [outcome], started);
    return outcome;
  }

  /** Outcomes and handling time per message (a batch's messages all wait for its one commit), lag after the last. */
  private recordMetrics(messages: readonly IncomingMessage[], outcomes: readonly Outcome[], started: bigint): void {
    const service = this.options.consumer;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    messages.forEach((message, i) => {
      const topic = this.logicalTopic(message.topic);
      messagingMetrics.consumed.inc({ service, topic, outcome: outcomes[i] });
      messagingMetrics.handling.observe({ service, topic }, seconds);
    });
    const last = messages[messages.length - 1];
    if (last.highWatermark !== undefined) {
      const lag = Number(BigInt(last.highWatermark) - BigInt(last.offset) - 1n);
      messagingMetrics.lag.set(
        { service, group: this.options.groupId ?? service, topic: this.logicalTopic(last.topic), partition: String(last.partition) },
        Math.max(0, lag),
      );
    }
  }

  private async handle(message: IncomingMessage, topic: string): Promise<Outcome> {
    let decoded;
    try {
      decoded = this.options.registry.decode(message.value, topic, message.key);
    } catch (error) {
      await this.deadLetter(message, error instanceof ContractViolation ? error.message : `undecodable: ${describeErrorSafely(error)}`);
      return 'dead-lettered';
    }
    // Every line logged while this event is handled (by the pipeline or the service's handler) names it.
    const envelope = decoded.envelope;
    return withLogContext({ correlationId: envelope.correlationId, eventId: envelope.eventId, eventType: envelope.type }, () =>
      this.apply(message, topic, decoded),
    );
  }

  private async apply(message: IncomingMessage, topic: string, decoded: ReturnType<ContractRegistry['decode']>): Promise<Outcome> {
    const maxUnknown = this.options.maxUnknownAttempts ?? 5;
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(10_000, 100 * 2 ** (n - 1)));
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await applyOnce(this.options.dataSource, this.options.schema, this.options.consumer, decoded.envelope, (em) =>
          this.options.dispatch(topic, { ...decoded, type: decoded.envelope.type, em }),
        );
        // Inside the event's log context: the line names its correlation id, as every line of its handler does.
        this.logger.write('debug', applied ? 'event applied' : 'duplicate event absorbed', { topic, attempt });
        return applied ? 'applied' : 'duplicate';
      } catch (error) {
        const kind = classifyError(error);
        if (kind === 'permanent' || (kind === 'unknown' && attempt >= maxUnknown)) {
          // Never the raw message: a database error quotes the value it choked on, a piece of the payload.
          const reason = `${decoded.envelope.type} rejected by ${this.options.consumer}${kind === 'unknown' ? ` after ${attempt} attempts` : ''}: ${describeErrorSafely(error)}`;
          await this.deadLetter(message, reason);
          return 'dead-lettered';
        }
        messagingMetrics.retries.inc({ service: this.options.consumer, topic, class: kind });
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.write('warn', 'event failed; retrying', {
            eventId: decoded.envelope.eventId,
            type: decoded.envelope.type,
            attempt,
            errorClass: kind,
            error: describeErrorSafely(error),
          });
        }
        if (!this.running) throw new ConsumerStopping(`stopped while retrying ${decoded.envelope.eventId}`);
        await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
      }
    }
  }

  private async deadLetter(message: IncomingMessage, reason: string): Promise<void> {
    const topic = deadLetterTopic(this.options.topicPrefix, this.options.consumer);
    this.logger.write('error', 'message dead-lettered', {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      deadLetterTopic: topic,
      reason,
    });
    const added: Record<DeadLetterHeader, string> = {
      'dead-letter-reason': reason.slice(0, 2000),
      'dead-letter-consumer': this.options.consumer,
      'original-topic': message.topic,
      'original-partition': String(message.partition),
      'original-offset': message.offset,
      'dead-lettered-at': new Date().toISOString(),
    };
    // If the dead-letter publish fails the error propagates and the message is not committed: it is retried later.
    await this.options.transport.publish([
      {
        topic,
        key: message.key ?? '',
        value: message.value ? message.value.toString('utf8') : '',
        headers: { ...message.headers, ...added },
      },
    ]);
  }
}
