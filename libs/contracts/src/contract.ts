import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventEnvelopeSchema } from './envelope';
import type { LogicalTopic } from './topics';

type Class<T> = new () => T;

/** A published contract version: its name, version, stream and the class that validates its payload. */
export interface Contract<P extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly topic: LogicalTopic;
  readonly payload: Class<P>;
}

export function defineContract<P extends object>(contract: Contract<P>): Contract<P> {
  return Object.freeze(contract);
}

export type PayloadOf<C> = C extends Contract<infer P> ? P : never;

/** Why a message can never be applied; the consumer dead-letters it with this reason. */
export class ContractViolation extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ContractViolation';
  }
}

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...describe(e.children ?? [], path)];
  });
}

export function validatePayload<P extends object>(contract: Contract<P>, payload: unknown): P {
  const instance = plainToInstance(contract.payload, payload);
  const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ContractViolation(`${contract.type} v${contract.version} payload invalid: ${describe(errors).join('; ')}`);
  }
  return instance;
}

export interface EnvelopeContext {
  producer: EventEnvelope['producer'];
  tenant: string;
  aggregateId: string;
  aggregateVersion: number;
  correlationId?: string;
  causationId?: string;
  actor: string;
  occurredAt?: Date;
}

/** Builds an envelope for an outgoing event; the payload is validated here, so nothing invalid is ever published. */
export function createEnvelope<P extends object>(contract: Contract<P>, payload: P, ctx: EnvelopeContext): EventEnvelope<P> {
  validatePayload(contract, payload);
  return {
    eventId: randomUUID(),
    type: contract.type,
    schemaVersion: contract.version,
    occurredAt: (ctx.occurredAt ?? new Date()).toISOString(),
    producer: ctx.producer,
    tenant: ctx.tenant,
    aggregateId: ctx.aggregateId,
    aggregateVersion: ctx.aggregateVersion,
    correlationId: ctx.correlationId ?? randomUUID(),
    ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
    actor: ctx.actor,
    payload,
  };
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
   * Decodes raw bytes into a validated event or throws ContractViolation with the reason: unparseable JSON, an
   * invalid envelope, an unknown type or version, a payload that fails its contract, or a topic mismatch.
   */
  decode(raw: Buffer | string | null, logicalTopic?: string): DecodedEvent {
    if (raw === null || raw.length === 0) throw new ContractViolation('empty message');
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    } catch (error) {
      throw new ContractViolation(`unparseable JSON: ${(error as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new ContractViolation('message is not a JSON object');
    }
    const envelope = plainToInstance(EventEnvelopeSchema, json);
    const errors = validateSync(envelope, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new ContractViolation(`invalid envelope: ${describe(errors).join('; ')}`);
    const contract = this.get(envelope.type, envelope.schemaVersion);
    if (!contract) throw new ContractViolation(`unknown event type or version: ${envelope.type} v${envelope.schemaVersion}`);
    if (logicalTopic !== undefined && contract.topic !== logicalTopic) {
      throw new ContractViolation(`${envelope.type} does not belong on topic ${logicalTopic}`);
    }
    const payload = validatePayload(contract, (json as { payload: unknown }).payload);
    return { envelope: { ...(json as EventEnvelope<object>), payload }, contract, payload };
  }
}
