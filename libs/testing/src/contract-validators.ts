import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks what the services really send against what their published documents say: HTTP responses against the
 * OpenAPI document, Kafka records against the AsyncAPI document. Both compile the documents' own schemas with ajv,
 * so a response or record that the document does not describe exactly is reported with the reason.
 */

type Doc = Record<string, unknown>;

function newAjv(): Ajv {
  // strict off: the documents carry keywords ajv does not know (example, x-*, OpenAPI's discriminator...).
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

function errorsOf(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('; ');
}

/** Formats the documents use that ajv-formats does not define are accepted as they are (they only annotate). */
function allowUnknownFormats(ajv: Ajv, doc: unknown): void {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') seen.add(v);
      else walk(v);
    }
  };
  walk(doc);
  for (const format of seen) if (!ajv.formats[format]) ajv.addFormat(format, true);
}

export interface RecordedResponse {
  method: string;
  /** The request path without its query string. */
  path: string;
  status: number;
  contentType?: string;
  body: string;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export class OpenApiValidator {
  private readonly ajv = newAjv();
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Doc) {
    allowUnknownFormats(this.ajv, doc);
    this.ajv.addSchema({ $id: 'openapi', components: (doc as { components?: unknown }).components ?? {} });
    const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation['responses'] | unknown>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) continue;
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const source = template
          .split(/\{[^}]+\}/)
          .map((literal) => literal.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
          .join('[^/]+');
        this.operations.push({
          method,
          template,
          pattern: new RegExp(`^${source}/?$`),
          params,
          responses: ((op as { responses?: Operation['responses'] }).responses ?? {}) as Operation['responses'],
        });
      }
    }
    // A literal segment wins over a parameter (`/roles/standard` before `/roles/{id}`), as in Express.
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The problems with one response; empty if the document describes it exactly. */
  check(response: RecordedResponse): string[] {
    const method = response.method.toLowerCase();
    const candidates = this.operations.filter((o) => o.pattern.test(response.path));
    const op = candidates.find((o) => o.method === method);
    const name = `${response.method.toUpperCase()} ${op?.template ?? response.path} → ${response.status}`;
    if (!op) {
      // An unknown route or method is answered 404 by the framework; there is nothing to document for it.
      if (response.status === 404) return [];
      return [`${name}: no such operation in the OpenAPI document`];
    }
    const status = String(response.status);
    const documented = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
    if (!documented) return [`${name}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`];
    const json = documented.content?.['application/json'];
    const hasBody = response.body.length > 0;
    if (!documented.content || Object.keys(documented.content).length === 0) {
      return hasBody
        ? [`${name}: documented without a body, but answered ${response.body.slice(0, 120).replace(/[^\x20-\x7e]/g, '?')}`]
        : [];
    }
    if (!json) return [];
    if (!/application\/json/.test(response.contentType ?? ''))
      return [`${name}: content-type ${response.contentType} is not application/json`];
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [`${name}: body is not JSON`];
    }
    if (!json.schema) return [];
    const key = `${op.method} ${op.template} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.rebase(json.schema));
      this.compiled.set(key, validate);
    }
    return validate(body) ? [] : [`${name}: ${errorsOf(validate.errors)}`];
  }

  /** Points the document's `#/components/...` references at the registered components. */
  private rebase(schema: unknown): Record<string, unknown> {
    return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));
  }
}

export interface RecordedMessage {
  /** The physical topic. */
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

interface DocumentedMessage {
  id: string;
  type: string;
  version: number;
  keyField: string;
  payload: ValidateFunction;
  headers: ValidateFunction;
}

export class AsyncApiValidator {
  private readonly ajv = newAjv();
  private readonly channels = new Map<string, DocumentedMessage[]>();
  private readonly deadLetterHeaders: ValidateFunction;
  private readonly consumers: string[];

  /** `topicPrefix` is what the services under test put before every logical topic. */
  constructor(
    doc: Doc,
    private readonly topicPrefix: string,
  ) {
    allowUnknownFormats(this.ajv, doc);
    this.ajv.addSchema({ $id: 'asyncapi', components: doc.components });
    const components = doc.components as { messages: Record<string, Record<string, unknown>> };
    const channels = doc.channels as Record<
      string,
      { messages: Record<string, { $ref: string }>; parameters?: Record<string, { enum?: string[] }> }
    >;
    for (const [id, channel] of Object.entries(channels)) {
      if (id === 'dead-letter') continue;
      const list: DocumentedMessage[] = [];
      for (const [messageId] of Object.entries(channel.messages)) {
        const message = components.messages[messageId];
        const payload = message.payload as { properties: { type: { const: string }; schemaVersion: { const: number } } };
        list.push({
          id: messageId,
          type: payload.properties.type.const,
          version: payload.properties.schemaVersion.const,
          keyField: message['x-key-field'] as string,
          payload: this.ajv.compile({ $ref: `asyncapi#/components/messages/${messageId}/payload` }),
          headers: this.ajv.compile({ $ref: `asyncapi#/components/messages/${messageId}/headers` }),
        });
      }
      this.channels.set(id, list);
    }
    this.consumers = channels['dead-letter']?.parameters?.consumer?.enum ?? [];
    this.deadLetterHeaders = this.ajv.compile({ $ref: 'asyncapi#/components/messages/DeadLetter/headers' });
  }

  /** The problems with one record; empty if the document describes it exactly. */
  check(record: RecordedMessage): string[] {
    if (!record.topic.startsWith(this.topicPrefix)) return [`${record.topic}: not a topic of this system (prefix ${this.topicPrefix})`];
    const logical = record.topic.slice(this.topicPrefix.length);
    const deadLetter = /^dead-letter\.(.+)$/.exec(logical);
    if (deadLetter) {
      const problems: string[] = [];
      if (!this.consumers.includes(deadLetter[1])) problems.push(`${record.topic}: ${deadLetter[1]} is not a documented consumer`);
      if (!this.deadLetterHeaders(record.headers)) problems.push(`${record.topic} headers: ${errorsOf(this.deadLetterHeaders.errors)}`);
      return problems;
    }
    const documented = this.channels.get(logical);
    if (!documented) return [`${record.topic}: no such channel in the AsyncAPI document`];
    let envelope: { type?: unknown; schemaVersion?: unknown; aggregateId?: unknown; payload?: Record<string, unknown> };
    try {
      envelope = JSON.parse(record.value ?? '');
    } catch {
      return [`${record.topic}: value is not JSON`];
    }
    const message = documented.find((m) => m.type === envelope.type && m.version === envelope.schemaVersion);
    const name = `${logical} ${String(envelope.type)} v${String(envelope.schemaVersion)}`;
    if (!message) return [`${name}: not a message documented on this channel`];
    const problems: string[] = [];
    if (!message.payload(envelope)) problems.push(`${name} value: ${errorsOf(message.payload.errors)}`);
    if (!message.headers(record.headers)) problems.push(`${name} headers: ${errorsOf(message.headers.errors)}`);
    const keyValue = envelope.payload?.[message.keyField];
    if (record.key !== envelope.aggregateId || record.key !== keyValue) {
      problems.push(
        `${name}: key ${record.key} is not aggregateId ${String(envelope.aggregateId)} = payload.${message.keyField} ${String(keyValue)}`,
      );
    }
    return problems;
  }
}
