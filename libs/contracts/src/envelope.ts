import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

/** The one envelope every integration event travels in. */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  producer: string;
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

export const PRODUCERS = ['employer-service', 'candidate-service', 'matching-service', 'test'] as const;

export class EventEnvelopeSchema implements EventEnvelope<Record<string, unknown>> {
  @IsUUID() eventId!: string;
  @IsString() @Matches(/^[A-Z][A-Za-z]+$/) @MaxLength(80) type!: string;
  @IsInt() @Min(1) schemaVersion!: number;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsIn(PRODUCERS) producer!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) tenant!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) aggregateId!: string;
  @IsInt() @Min(0) aggregateVersion!: number;
  @IsString() @IsNotEmpty() @MaxLength(64) correlationId!: string;
  @IsOptional() @IsString() @MaxLength(64) causationId?: string;
  @IsString() @IsNotEmpty() @MaxLength(128) actor!: string;
  @IsObject() payload!: Record<string, unknown>;
}
