import { getMetadataStorage } from 'class-validator';
import { COUNTY_CODES, isNullableProperty, MUNICIPALITY_CODES } from './common';
import { Contract } from './contract';
import { ENVELOPE_DESCRIPTIONS, EventEnvelopeSchema } from './envelope';
import {
  ALL_TOPICS,
  CONTENT_TYPE,
  DEAD_LETTER_HEADERS,
  MAX_MESSAGE_BYTES,
  MESSAGE_HEADERS,
  OPTIONAL_MESSAGE_HEADERS,
  SERVICES,
  STREAMS,
} from './topics';

type Schema = Record<string, unknown>;

// class-transformer keeps its @Type() metadata here; the module ships no type declarations of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: object, property: string): { typeFunction(): unknown } | undefined };
};
type Class = new () => object;

/** Partitions the services create a topic with when it does not exist yet (KafkaTransport). */
export const DEFAULT_PARTITIONS = 3;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/**
 * JSON Schema for a class, read from the class-validator decorators that also validate it at run time. A
 * decorator the generator does not know is an error, not a silent gap: the document must say all the code checks.
 */
function schemaOf(target: Class, components: Record<string, Schema>, descriptions: Record<string, string> = {}): Schema {
  const name = target.name;
  if (components[name]) return ref(name);
  components[name] = {};
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  for (const m of metadata) {
    const prop = m.propertyName;
    required.add(prop);
    const p = (properties[prop] ??= {});
    const item: Schema = m.each ? ((p.items as Schema) ??= {}) : p;
    const [a] = m.constraints ?? [];
    const kind = m.name ?? m.type;
    switch (kind) {
      case 'isUuid':
        Object.assign(item, { type: 'string', format: 'uuid' });
        break;
      case 'isString':
        item.type = 'string';
        break;
      case 'isNotEmpty':
        item.minLength = 1;
        break;
      case 'matches':
        Object.assign(item, { type: 'string', pattern: (a as RegExp).source });
        break;
      case 'isIso8601':
        Object.assign(item, { type: 'string', format: 'date-time' });
        break;
      case 'isMunicipalityCode':
        Object.assign(item, ref('MunicipalityCode'));
        break;
      case 'isCountyCode':
        Object.assign(item, ref('CountyCode'));
        break;
      case 'isInt':
        item.type = 'integer';
        break;
      case 'isNumber':
        item.type = 'number';
        break;
      case 'isBoolean':
        item.type = 'boolean';
        break;
      case 'isObject':
        item.type = 'object';
        break;
      case 'isIn':
        item.enum = a;
        break;
      case 'min':
        item.minimum = a;
        break;
      case 'max':
        item.maximum = a;
        break;
      case 'maxLength':
        item.maxLength = a;
        break;
      case 'arrayMinSize':
        Object.assign(p, { type: 'array', minItems: a });
        break;
      case 'arrayMaxSize':
        Object.assign(p, { type: 'array', maxItems: a });
        break;
      // Every property is required unless IsOptional says otherwise; IsDefined only makes class-validator agree.
      case 'isOptional':
      case 'isDefined':
        break;
      case 'conditionalValidation':
        if (!isNullableProperty(target, prop)) {
          throw new Error(
            `${name}.${prop}: a ValidateIf other than IsNullable() cannot be documented; use IsNullable() or a new decorator`,
          );
        }
        break;
      case 'nestedValidation': {
        const nested = defaultMetadataStorage.findTypeMetadata(target, prop)?.typeFunction() as Class | undefined;
        if (!nested) throw new Error(`${name}.${prop}: ValidateNested without @Type() cannot be documented`);
        Object.assign(m.each ? item : p, schemaOf(nested, components));
        break;
      }
      default:
        throw new Error(`${name}.${prop}: the AsyncAPI generator does not know the constraint '${kind}'; teach it before using it`);
    }
    if (m.each) p.type = 'array';
  }
  for (const m of metadata) {
    if ((m.name ?? m.type) === 'isOptional') required.delete(m.propertyName);
  }
  for (const [prop, schema] of Object.entries(properties)) {
    if (isNullableProperty(target, prop)) {
      // Required (the key must be there) but possibly null: the code validates the value only when it is not null.
      properties[prop] =
        typeof schema.type === 'string' ? { ...schema, type: [schema.type, 'null'] } : { oneOf: [schema, { type: 'null' }] };
    }
    if (descriptions[prop]) properties[prop] = { description: descriptions[prop], ...properties[prop] };
  }
  components[name] = { type: 'object', additionalProperties: false, properties, required: [...required].sort() };
  return ref(name);
}

const headerSchema = (names: Record<string, string>): Record<string, Schema> =>
  Object.fromEntries(Object.entries(names).map(([header, description]) => [header, { type: 'string', description }]));

const DESCRIPTION = `Every event travels in one envelope (\`Envelope\`); payloads name candidates only by a pseudonymous id.

**What a consumer accepts.** A consumer reads only the message value: UTF-8 JSON, at most ${MAX_MESSAGE_BYTES} bytes. It
rejects, and sends to its dead-letter topic with the reason: unparseable JSON; an envelope with a missing, malformed or
**extra** field (no field outside \`Envelope\` is allowed, in the envelope or in any payload); an unknown type or
version; an event on a topic it does not belong to; a payload that breaks its schema, including a well-formed but
unknown municipality or county code (the taxonomy's codes are the enums \`MunicipalityCode\` and \`CountyCode\`); a
producer other than the stream's owner; an \`aggregateId\` other than the payload field the message names as its key;
a message key other than the \`aggregateId\`. It then goes on with the next message.

**Producers.** Each stream has one writer, the service that owns its aggregates, and \`producer\` must be that
service. Events from other systems (for example the public employment service's) are not accepted on these topics,
on purpose: a second writer could keep neither the order per key nor the revision sequence of an aggregate it does
not own. Such a system integrates through the owning service's HTTP API (see the OpenAPI document), which publishes
the events.

**Keys and partitions.** The message key is the \`aggregateId\` (each message names the payload field it equals), so
order holds per aggregate. Partitioning is murmur2 as in the Java client's default partitioner
(\`toPositive(murmur2(utf8(key))) % partitions\`); a client with another partitioner (e.g. a CRC32 or random one)
would put an aggregate's events on another partition and break their order. Topics are created with
${DEFAULT_PARTITIONS} partitions by the services if missing.

**Headers** (\`MessageHeaders\`) repeat envelope fields for tools; consumers do not read them. \`content-type\` is
always \`${CONTENT_TYPE}\`.

**Dead letters.** Each consuming service has its topic \`dead-letter.<service>\`; a dead letter keeps the original key,
value and headers and adds \`DeadLetterHeaders\`.

**Delivery** is at least once; consumers apply each \`eventId\` once. A published contract version never changes: a
change is a new version beside it. Snapshots carry a \`revision\` (= \`aggregateVersion\`) and an older one is ignored.`;

/**
 * The AsyncAPI document of every published contract, generated from the same classes and constants that validate
 * and publish events, so it cannot drift: `docs/asyncapi.json` is checked against this in the tests
 * (`npm run asyncapi` rewrites it).
 */
export function buildAsyncApi(contracts: readonly Contract[], topicPrefix = 'jobbspar.'): Record<string, unknown> {
  const schemas: Record<string, Schema> = {};
  const messages: Record<string, Schema> = {};
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  schemaOf(EventEnvelopeSchema, schemas, ENVELOPE_DESCRIPTIONS);
  schemas.Envelope = schemas.EventEnvelopeSchema;
  delete schemas.EventEnvelopeSchema;
  for (const topic of ALL_TOPICS) {
    const stream = STREAMS[topic];
    const onTopic = contracts.filter((c) => c.topic === topic);
    const refs: Record<string, Schema> = {};
    for (const contract of onTopic) {
      const id = `${contract.type}V${contract.version}`;
      messages[id] = {
        name: contract.type,
        title: `${contract.type} v${contract.version}`,
        summary: `Published by ${contract.producer}; key and aggregateId = payload.${contract.key}.`,
        contentType: 'application/json',
        headers: {
          allOf: [ref('MessageHeaders')],
          properties: {
            'event-type': { const: contract.type },
            'schema-version': { const: String(contract.version) },
            producer: { const: contract.producer },
          },
        },
        payload: {
          allOf: [ref('Envelope')],
          properties: {
            type: { const: contract.type },
            schemaVersion: { const: contract.version },
            producer: { const: contract.producer },
            payload: schemaOf(contract.payload as Class, schemas),
          },
        },
        bindings: {
          kafka: {
            key: { type: 'string', maxLength: 64, description: `payload.${contract.key}, equal to the envelope's aggregateId` },
            bindingVersion: '0.5.0',
          },
        },
        'x-key-field': contract.key,
      };
      refs[id] = { $ref: `#/components/messages/${id}` };
    }
    channels[topic] = {
      address: `${topicPrefix}${topic}`,
      title: topic,
      description: `Written only by ${stream.owner}; keyed by ${stream.aggregate} (murmur2 partitioning), so order holds per aggregate.`,
      messages: refs,
      bindings: { kafka: { topic: `${topicPrefix}${topic}`, partitions: DEFAULT_PARTITIONS, bindingVersion: '0.5.0' } },
      'x-owner': stream.owner,
      'x-partitioner': 'murmur2 (the Java client default partitioner)',
    };
    operations[`publish-${topic}`] = {
      action: 'send',
      title: `${stream.owner} publishes on ${topic}`,
      channel: { $ref: `#/channels/${topic}` },
      messages: Object.keys(refs).map((id) => ({ $ref: `#/channels/${topic}/messages/${id}` })),
    };
  }
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'A message a consumer could not apply',
    summary: 'The original key, value and headers, plus why and where it was read.',
    headers: ref('DeadLetterHeaders'),
    payload: { description: 'The original message value, byte for byte; it need not be JSON, let alone a valid envelope.' },
  };
  channels['dead-letter'] = {
    address: `${topicPrefix}dead-letter.{consumer}`,
    title: 'dead letters',
    description:
      'One topic per consuming service: the failure belongs to the consumer, not to the stream. Nothing consumes it automatically.',
    parameters: { consumer: { enum: [...SERVICES], description: 'The consuming service that rejected the message.' } },
    messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
  };
  operations['dead-letter'] = {
    action: 'send',
    title: 'A consumer dead-letters what it can never apply',
    channel: { $ref: '#/channels/dead-letter' },
    messages: [{ $ref: '#/channels/dead-letter/messages/DeadLetter' }],
  };
  schemas.MessageHeaders = {
    type: 'object',
    description: 'Set on every published message; consumers read only the value.',
    required: Object.keys(MESSAGE_HEADERS),
    properties: {
      ...headerSchema(MESSAGE_HEADERS),
      'content-type': { const: CONTENT_TYPE, description: MESSAGE_HEADERS['content-type'] },
      traceparent: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description: OPTIONAL_MESSAGE_HEADERS.traceparent,
      },
    },
  };
  schemas.DeadLetterHeaders = {
    type: 'object',
    description: "The original message's headers (if any) and these.",
    required: Object.keys(DEAD_LETTER_HEADERS),
    properties: headerSchema(DEAD_LETTER_HEADERS),
  };
  schemas.MunicipalityCode = {
    type: 'string',
    description: 'A municipality code (SCB kommunkod) of the taxonomy; a well-formed code that is not one of these is rejected.',
    enum: [...MUNICIPALITY_CODES],
  };
  schemas.CountyCode = { type: 'string', description: 'A county code (SCB länskod) of the taxonomy.', enum: [...COUNTY_CODES] };
  return {
    asyncapi: '3.0.0',
    info: { title: 'Jobbspår integration events', version: '1', description: DESCRIPTION },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas },
  };
}
