import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { compiledInstance, passesCompiledCheck } from './compiled-check';
import { EventEnvelope, EventEnvelopeSchema } from './envelope';
import { LogicalTopic, MAX_MESSAGE_BYTES, Producer, ServiceName, STREAMS } from './topics';

type Class<T> = new () => T;

/** The payload fields that can serve as the aggregate id (and so as the Kafka message key). */
type StringKeys<P> = { [K in keyof P]-?: P[K] extends string ? K : never }[keyof P] & string;

/** A published contract version: its name, version, stream, the class that validates its payload, and its key. */
export interface Contract<P extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly topic: LogicalTopic;
  readonly payload: Class<P>;
  /** The payload field that holds the aggregate id: the envelope's aggregateId and the message key equal it. */
  readonly key: string;
  /** The one service that publishes it, the stream's owner. */
  readonly producer: Producer;
}

export function defineContract<P extends object>(contract: Omit<Contract<P>, 'producer' | 'key'> & { key: StringKeys<P> }): Contract<P> {
  return Object.freeze({ ...contract, producer: STREAMS[contract.topic].owner });
}

export type PayloadOf<C> = C extends Contract<infer P> ? P : never;

/** Why a message can never be applied; the consumer dead-letters it with this reason. */
export class ContractViolation extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ContractViolation';
  }
}

/**
 * V8 quotes a window of the input in JSON.parse errors (`Unexpected token 'F', "{"name":Fatima Per"... is not
 * valid JSON`): a dead-letter reason and the logs must never carry such a fragment of a payload. What is left is
 * the kind of error and its position; only quoted grammar characters (`Expected ':' after ...`) are kept.
 */
export function describeJsonSyntaxError(message: string): string {
  const withoutSnippet = message.split('"')[0].replace(/[,\s.]*$/, '');
  return withoutSnippet.replace(/'(.)'/g, (quoted, char: string) => (':,{}[]'.includes(char) ? quoted : "'…'")).trim();
}

/** A property name is shown only when it looks like one: an unknown key could itself be personal data. */
const PROPERTY_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const property = PROPERTY_NAME.test(e.property) ? e.property : '<a property with an unusual name>';
    const path = parent ? `${parent}.${property}` : property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m.split(e.property).join(property)}`);
    return [...own, ...describe(e.children ?? [], path)];
  });
}

export function validatePayload<P extends object>(contract: Contract<P>, payload: unknown): P {
  // The compiled check answers for the valid ones; class-validator itself for the rest, with its reasons.
  const checked = compiledInstance(contract.payload, payload);
  if (checked) return checked;
  const instance = plainToInstance(contract.payload, payload);
  const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ContractViolation(`${contract.type} v${contract.version} payload invalid: ${describe(errors).join('; ')}`);
  }
  return instance;
}

export interface EnvelopeContext {
  /** Who writes it; must be the contract's producer (a service that only consumes cannot publish). */
  producer: ServiceName;
  tenant: string;
  aggregateId: string;
  aggregateVersion: number;
  correlationId?: string;
  causationId?: string;
  actor: string;
  occurredAt?: Date;
}

/** The rules between envelope and payload that no single field's validator can see. */
function checkConsistency(contract: Contract, envelope: { producer: string; aggregateId: string }, payload: object): void {
  if (envelope.producer !== contract.producer) {
    throw new ContractViolation(
      `${contract.type} v${contract.version} is published only by ${contract.producer}, not by ${envelope.producer}`,
    );
  }
  const key = (payload as Record<string, unknown>)[contract.key];
  if (envelope.aggregateId !== key) {
    throw new ContractViolation(
      `${contract.type} v${contract.version}: aggregateId ${envelope.aggregateId} is not the payload's ${contract.key} ${String(key)}`,
    );
  }
}

/**
 * Builds an envelope for an outgoing event. Payload, producer and key are checked here, so nothing a consumer
 * would reject is ever published.
 */
export function createEnvelope<P extends object>(contract: Contract<P>, payload: P, ctx: EnvelopeContext): EventEnvelope<P> {
  validatePayload(contract, payload);
  checkConsistency(contract, ctx, payload);
  const envelope: EventEnvelope<P> = {
    eventId: randomUUID(),
    type: contract.type,
    schemaVersion: contract.version,
    occurredAt: (ctx.occurredAt ?? new Date()).toISOString(),
    producer: contract.producer,
    tenant: ctx.tenant,
    aggregateId: ctx.aggregateId,
    aggregateVersion: ctx.aggregateVersion,
    correlationId: ctx.correlationId ?? randomUUID(),
    ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
    actor: ctx.actor,
    payload,
  };
  checkEnvelope(envelope);
  const bytes = Buffer.byteLength(JSON.stringify(envelope), 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) throw new ContractViolation(`${contract.type}: ${bytes} bytes exceed the limit of ${MAX_MESSAGE_BYTES}`);
  return envelope;
}

/** Throws ContractViolation with class-validator's reasons unless `value` is a valid envelope. */
function checkEnvelope(value: unknown): void {
  if (passesCompiledCheck(EventEnvelopeSchema, value)) return;
  const errors = validateSync(plainToInstance(EventEnvelopeSchema, value) as object, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ContractViolation(`invalid envelope: ${describe(errors).join('; ')}`);
}

/** A decoded, validated incoming event: the envelope plus its payload as an instance of the contract's class. */
export interface DecodedEvent<P extends object = object> {
  envelope: EventEnvelope<P>;
  contract: Contract<P>;
  payload: P;
}

export class ContractRegistry {
  private readonly byKey = new Map<string, Contract>();

  constructor(contracts: readonly Contract[]) {
    for (const contract of contracts) {
      const key = `${contract.type}@${contract.version}`;
      if (this.byKey.has(key)) throw new Error(`contract ${key} registered twice`);
      this.byKey.set(key, contract);
    }
  }

  get(type: string, version: number): Contract | undefined {
    return this.byKey.get(`${type}@${version}`);
  }

  all(): Contract[] {
    return [...this.byKey.values()];
  }

  /**
   * Decodes raw bytes into a validated event or throws ContractViolation with the reason: an empty, oversized or
   * unparseable message, an invalid envelope (extra fields included), an unknown type or version, a topic mismatch,
   * a payload that fails its contract, a producer that does not own the stream, or an aggregate id that is not the
   * payload's key. With `messageKey` (what the transport delivered), that key must be the aggregate id too: a
   * message keyed otherwise may sit on another partition than its aggregate's other events, out of order.
   */
  decode(raw: Buffer | string | null, logicalTopic?: string, messageKey?: string | null): DecodedEvent {
    if (raw === null || raw.length === 0) throw new ContractViolation('empty message');
    const bytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
    if (bytes > MAX_MESSAGE_BYTES) throw new ContractViolation(`message of ${bytes} bytes exceeds the limit of ${MAX_MESSAGE_BYTES}`);
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    } catch (error) {
      throw new ContractViolation(`unparseable JSON (${raw.length} bytes): ${describeJsonSyntaxError((error as Error).message)}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new ContractViolation('message is not a JSON object');
    }
    checkEnvelope(json);
    const envelope = json as EventEnvelope;
    const contract = this.get(envelope.type, envelope.schemaVersion);
    if (!contract) throw new ContractViolation(`unknown event type or version: ${envelope.type} v${envelope.schemaVersion}`);
    if (logicalTopic !== undefined && contract.topic !== logicalTopic) {
      throw new ContractViolation(`${envelope.type} does not belong on topic ${logicalTopic}`);
    }
    const payload = validatePayload(contract, (json as { payload: unknown }).payload);
    checkConsistency(contract, envelope, payload);
    if (messageKey !== undefined && messageKey !== envelope.aggregateId) {
      throw new ContractViolation(`message key ${JSON.stringify(messageKey)} is not the aggregateId ${envelope.aggregateId}`);
    }
    return { envelope: { ...(json as EventEnvelope<object>), payload }, contract, payload };
  }
}
