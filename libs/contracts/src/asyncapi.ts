import { getMetadataStorage } from 'class-validator';
import { Contract } from './contract';
import { ALL_TOPICS } from './topics';

type Schema = Record<string, unknown>;

// class-transformer keeps its @Type() metadata here; the module ships no type declarations of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: object, property: string): { typeFunction(): unknown } | undefined };
};
type Class = new () => object;

/** JSON Schema for a payload class, read from the class-validator decorators that also validate it at run time. */
function schemaOf(target: Class, components: Record<string, Schema>): Schema {
  const name = target.name;
  if (components[name]) return { $ref: `#/components/schemas/${name}` };
  components[name] = {};
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const prop = m.propertyName;
    required.add(prop);
    const p = (properties[prop] ??= {});
    const item: Schema = m.each ? ((p.items as Schema) ??= {}) : p;
    const [a] = m.constraints ?? [];
    switch (m.name ?? m.type) {
      case 'isUuid':
        Object.assign(item, { type: 'string', format: 'uuid' });
        break;
      case 'isString':
        item.type = 'string';
        break;
      case 'matches':
        Object.assign(item, { type: 'string', pattern: (a as RegExp).source });
        break;
      case 'isIso8601':
        Object.assign(item, { type: 'string', format: 'date-time' });
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
      case 'isOptional':
        required.delete(prop);
        break;
      case 'nestedValidation': {
        const nested = defaultMetadataStorage.findTypeMetadata(target, prop)?.typeFunction() as Class | undefined;
        if (nested) Object.assign(m.each ? item : p, schemaOf(nested, components));
        break;
      }
      default:
        break;
    }
    if (m.each) p.type = 'array';
  }
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    if ((m.name ?? m.type) === 'isOptional' || m.type === 'conditionalValidation') required.delete(m.propertyName);
  }
  components[name] = { type: 'object', additionalProperties: false, properties, required: [...required].sort() };
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The AsyncAPI document of every published contract, generated from the same classes that validate events, so it
 * cannot drift: `docs/asyncapi.json` is checked against this in the tests (`npm run asyncapi` rewrites it).
 */
export function buildAsyncApi(contracts: readonly Contract[], topicPrefix = 'jobbspar.'): Record<string, unknown> {
  const schemas: Record<string, Schema> = {};
  const messages: Record<string, Schema> = {};
  const channels: Record<string, Schema> = {};
  for (const topic of ALL_TOPICS) {
    const onTopic = contracts.filter((c) => c.topic === topic);
    const refs: Record<string, Schema> = {};
    for (const contract of onTopic) {
      const id = `${contract.type}V${contract.version}`;
      messages[id] = {
        name: contract.type,
        title: `${contract.type} v${contract.version}`,
        headers: { $ref: '#/components/schemas/KafkaHeaders' },
        payload: {
          allOf: [{ $ref: '#/components/schemas/Envelope' }],
          properties: {
            type: { const: contract.type },
            schemaVersion: { const: contract.version },
            payload: schemaOf(contract.payload as Class, schemas),
          },
        },
      };
      refs[id] = { $ref: `#/components/messages/${id}` };
    }
    channels[topic] = {
      address: `${topicPrefix}${topic}`,
      description: `Keyed by aggregate id (order per aggregate). Dead letters of a consumer go to ${topicPrefix}dead-letter.<service>.`,
      messages: refs,
    };
  }
  schemas.Envelope = {
    type: 'object',
    required: [
      'eventId',
      'type',
      'schemaVersion',
      'occurredAt',
      'producer',
      'tenant',
      'aggregateId',
      'aggregateVersion',
      'correlationId',
      'actor',
      'payload',
    ],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { type: 'string' },
      schemaVersion: { type: 'integer', minimum: 1 },
      occurredAt: { type: 'string', format: 'date-time' },
      producer: { type: 'string' },
      tenant: { type: 'string', description: 'region, e.g. se-12' },
      aggregateId: { type: 'string' },
      aggregateVersion: { type: 'integer', minimum: 0 },
      correlationId: { type: 'string' },
      causationId: { type: 'string' },
      actor: { type: 'string', description: '<role>:<pseudonymous id>, never a name' },
      payload: { type: 'object' },
    },
  };
  schemas.KafkaHeaders = {
    type: 'object',
    properties: Object.fromEntries(
      ['event-id', 'event-type', 'schema-version', 'producer', 'tenant', 'correlation-id'].map((h) => [h, { type: 'string' }]),
    ),
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Jobbspår integration events',
      version: '1',
      description: 'Every event travels in one envelope; payloads name candidates only by a pseudonymous id.',
    },
    channels,
    components: { messages, schemas },
  };
}
