import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { IsDateTime } from './common';
import { Producer, PRODUCERS } from './topics';

export { PRODUCERS, type Producer, SERVICES, type ServiceName } from './topics';

/** The one envelope every integration event travels in. */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  producer: Producer;
  /** The region (tenant) the event belongs to, e.g. `se-12` for Skåne; access control filters on it. */
  tenant: string;
  aggregateId: string;
  /** Per-aggregate revision: consumers ignore a snapshot older than what they hold. */
  aggregateVersion: number;
  correlationId: string;
  causationId?: string;
  /** Who caused it: a role and a pseudonymous user id, never a name. */
  actor: string;
  payload: P;
}

/**
 * What a consumer accepts as an envelope, field by field; any other field is rejected (the AsyncAPI `Envelope`
 * schema is generated from this class, limits included).
 */
export class EventEnvelopeSchema implements EventEnvelope<Record<string, unknown>> {
  @IsUUID() eventId!: string;
  @IsString() @Matches(/^[A-Z][A-Za-z]+$/) @MaxLength(80) type!: string;
  @IsInt() @Min(1) schemaVersion!: number;
  @IsDateTime() occurredAt!: string;
  /** Only the services themselves publish; each contract also names its one producer (the stream's owner). */
  @IsIn(PRODUCERS) producer!: Producer;
  @IsString() @IsNotEmpty() @MaxLength(64) tenant!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) aggregateId!: string;
  @IsInt() @Min(0) aggregateVersion!: number;
  @IsString() @IsNotEmpty() @MaxLength(64) correlationId!: string;
  @IsOptional() @IsString() @MaxLength(64) causationId?: string;
  @IsString() @IsNotEmpty() @MaxLength(128) actor!: string;
  @IsObject() payload!: Record<string, unknown>;
}

/** Field descriptions for the generated document (the validating decorators say what is allowed). */
export const ENVELOPE_DESCRIPTIONS: Readonly<Record<keyof EventEnvelope, string>> = {
  eventId: 'Unique per event; consumers apply an event id once (inbox), so redelivery changes nothing.',
  type: 'The contract name, e.g. NeedPosted.',
  schemaVersion: 'The contract version; a published version never changes.',
  occurredAt: 'When the state change committed at the producer.',
  producer: 'The service that published it: always the owner of the stream (see each message).',
  tenant: 'The region the event belongs to, e.g. se-12 for Skåne.',
  aggregateId: 'The aggregate the event is about; equal to the Kafka message key and to the payload field each message names.',
  aggregateVersion: "The aggregate's revision after this event; snapshots older than what a consumer holds are ignored.",
  correlationId: 'Shared by every event caused by one request or one incoming event.',
  causationId: 'The event id of the event that caused this one, if any.',
  actor: '<role>:<pseudonymous user id> of who caused it, never a name.',
  payload: 'The contract-specific payload (see each message).',
};
