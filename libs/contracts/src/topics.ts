/**
 * Logical topic names, one stream per aggregate type, keyed by aggregate id so order holds per aggregate.
 * The physical name is `<prefix><logical>` (prefix `jobbspar.` by default; tests use their own to stay isolated).
 */
export const Topics = {
  employers: 'employer.employers',
  roles: 'employer.roles',
  needs: 'employer.needs',
  candidates: 'candidate.candidates',
  proposals: 'matching.proposals',
  placements: 'matching.placements',
} as const;

export type LogicalTopic = (typeof Topics)[keyof typeof Topics];
export const ALL_TOPICS: readonly LogicalTopic[] = Object.values(Topics);

/** The services that own a stream and publish on it; an envelope's `producer` is one of them. */
export const PRODUCERS = ['employer-service', 'candidate-service', 'matching-service'] as const;
export type Producer = (typeof PRODUCERS)[number];

/** Every service that consumes events (each has its inbox and its dead-letter topic); some only consume. */
export const SERVICES = [...PRODUCERS, 'follow-up-service'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * Each stream has one writer, the service that owns the aggregate: its events carry that service's revisions, so a
 * second writer (another service, or an outside system such as the public employment service's) could neither
 * keep the order per key nor the revision sequence. Consumers reject an event whose producer is not the stream's
 * owner; an outside system integrates through the owner's HTTP API instead (docs/contracts.md).
 */
export interface Stream {
  owner: Producer;
  /** What the aggregate id (= the Kafka message key) is; each contract names the payload field that holds it. */
  aggregate: string;
}

export const STREAMS: Readonly<Record<LogicalTopic, Stream>> = {
  'employer.employers': { owner: 'employer-service', aggregate: 'employer id' },
  'employer.roles': { owner: 'employer-service', aggregate: 'role id' },
  'employer.needs': { owner: 'employer-service', aggregate: 'need id' },
  'candidate.candidates': { owner: 'candidate-service', aggregate: 'candidate id (pseudonymous)' },
  'matching.proposals': { owner: 'matching-service', aggregate: 'proposal id' },
  'matching.placements': { owner: 'matching-service', aggregate: 'placement id' },
};

export function physicalTopic(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}

/** One dead-letter topic per consuming service: the failure belongs to the consumer, not to the stream. */
export function deadLetterTopic(prefix: string, consumer: string): string {
  return `${prefix}dead-letter.${consumer}`;
}

/**
 * Headers of every published message. Consumers read only the value (the envelope is self-describing); the
 * headers let brokers' tools and other clients route and filter without parsing JSON.
 */
export const MESSAGE_HEADERS = {
  'content-type': 'always application/json; charset=utf-8: the value is the UTF-8 JSON envelope',
  'event-id': 'envelope eventId',
  'event-type': 'envelope type',
  'schema-version': 'envelope schemaVersion, in decimal',
  producer: 'envelope producer',
  tenant: 'envelope tenant',
  'correlation-id': 'envelope correlationId',
} as const;

/** Headers set on a published message only in some cases. */
export const OPTIONAL_MESSAGE_HEADERS = {
  traceparent:
    'W3C Trace Context of the publishing span (a child of the span the event was written under), only while tracing is on; the consumer handles the event in a child span',
} as const;

export const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Headers a consumer adds when it dead-letters a message, beside the original message's headers; key and value are
 * the original bytes, unchanged (the value may be anything, since unreadable messages end up here).
 */
export const DEAD_LETTER_HEADERS = {
  'dead-letter-reason': 'why the message can never be applied: the contract violation or the rejecting rule (at most 2000 characters)',
  'dead-letter-consumer': 'the consuming service that rejected it',
  'original-topic': 'the physical topic it was read from',
  'original-partition': 'its partition there, in decimal',
  'original-offset': 'its offset there, in decimal',
  'dead-lettered-at': 'when, as an RFC 3339 date-time',
} as const;
export type DeadLetterHeader = keyof typeof DEAD_LETTER_HEADERS;

/** Upper bound of one message value; an envelope above it is refused when written and when read. */
export const MAX_MESSAGE_BYTES = 512 * 1024;
