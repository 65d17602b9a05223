import { INestApplication } from '@nestjs/common';
import { OpenAPIObject } from '@nestjs/swagger';
import { buildAsyncApi, CONTRACTS } from '@jobbspar/contracts';
import { InProcessBroker } from '@jobbspar/messaging';
import { buildOpenApi } from '@jobbspar/platform';
import { AsyncApiValidator, OpenApiValidator, RecordedMessage } from '@jobbspar/testing';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { testAuthConfig } from './auth';
import { isWebPath, WEB_AUTH_CONFIG_PATH } from '../../apps/jobbspar/src/web-app';

/**
 * Every e2e suite checks what the services really answer and publish against the published documents: each HTTP
 * response against the OpenAPI document of the app that answered (the one /openapi.json serves), each record the
 * services put on a topic against the AsyncAPI document (docs/asyncapi.json is the same document). What a test
 * injects on purpose (malformed or foreign events) is not the services' output and is left out. A violation fails
 * the test during which it was seen (test/setup/contract-check.ts); records that arrive later fail the suite.
 */

/** Where records come from: a Kafka probe or the in-process log. `take` returns what arrived since the last call. */
export interface RecordSource {
  readonly topicPrefix: string;
  take(): RecordedMessage[];
  /** Waits until everything on the broker at this moment has arrived. */
  settle?(): Promise<void>;
}

const violations: string[] = [];
const injected = new Set<string>();
const sources: RecordSource[] = [];
const validators = new Map<string, AsyncApiValidator>();

function asyncApi(prefix: string): AsyncApiValidator {
  let validator = validators.get(prefix);
  if (!validator) validators.set(prefix, (validator = new AsyncApiValidator(buildAsyncApi(CONTRACTS.all(), prefix), prefix)));
  return validator;
}

/** A raw value a test put on a topic itself: not something a service produced. */
export function markInjected(value: string | null | undefined): void {
  if (value) injected.add(value);
}

function checkRecords(source: RecordSource): void {
  for (const record of source.take()) {
    if (record.value && injected.has(record.value) && !/dead-letter\./.test(record.topic)) continue;
    for (const problem of asyncApi(source.topicPrefix).check(record)) violations.push(`AsyncAPI: ${problem}`);
  }
}

export function watchRecords(source: RecordSource): void {
  sources.push(source);
}

export async function unwatchRecords(source: RecordSource): Promise<void> {
  await source.settle?.();
  checkRecords(source);
  sources.splice(sources.indexOf(source), 1);
}

/** The records of the in-process log under a prefix, as a source. */
export function inProcessSource(topicPrefix: string, topics: () => string[], broker = InProcessBroker.shared()): RecordSource {
  const seen = new Map<string, number>();
  return {
    topicPrefix,
    take: () =>
      topics().flatMap((topic) => {
        const all = broker.read(topic);
        const fresh = all.slice(seen.get(topic) ?? 0);
        seen.set(topic, all.length);
        return fresh.map((m) => ({ topic, key: m.key, value: m.value?.toString('utf8') ?? null, headers: m.headers }));
      }),
  };
}

/** A response body as its content coding says (a prepared page goes compressed to a client that accepts it). */
function decoded(body: Buffer, coding: unknown): Buffer {
  if (body.length === 0) return body;
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding === 'gzip') return gunzipSync(body);
  if (coding === 'deflate') return inflateSync(body);
  return body;
}

/**
 * Records every response of an HTTP server and checks it against an OpenAPI document. The listener is put first so
 * that it wraps the response before any handler can answer.
 */
export function watchHttp(
  server: Server,
  document: () => OpenAPIObject | Record<string, unknown>,
  options: { notApi?: (path: string) => boolean } = {},
): void {
  let validator: OpenApiValidator | undefined;
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown, encoding?: unknown): void => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    res.on('finish', () => {
      if (req.method === 'HEAD' || req.method === 'OPTIONS') return;
      const path = (req.url ?? '/').split('?')[0];
      // Swagger UI and the document itself are served by the library, not described by the document.
      if (path === '/openapi.json' || path === '/docs' || path.startsWith('/docs/') || options.notApi?.(path)) return;
      validator ??= new OpenApiValidator(document() as Record<string, unknown>);
      const problems = validator.check({
        method: req.method ?? 'GET',
        path,
        status: res.statusCode,
        contentType: String(res.getHeader('content-type') ?? ''),
        body: decoded(Buffer.concat(chunks), res.getHeader('content-encoding')).toString('utf8'),
      });
      for (const problem of problems) violations.push(`OpenAPI: ${problem}`);
    });
  });
}

/** The one-process front: the API is checked, the web app's pages and assets are not API. */
export function watchComposed(server: Server, system: { openapi: OpenAPIObject }, topicPrefix: string, topics: string[]): void {
  // The web app's pages, its login settings and its hashed files (the API has no path with a file extension
  // besides the document).
  watchHttp(server, () => system.openapi, {
    notApi: (path) => isWebPath(path) || path === WEB_AUTH_CONFIG_PATH || /\.[A-Za-z0-9]+$/.test(path),
  });
  watchRecords(inProcessSource(topicPrefix, () => topics));
}

/** A service app as tests start it: its document is the one its main.ts serves at /openapi.json. */
export function watchApp(app: INestApplication, name: string): void {
  watchHttp(app.getHttpServer() as Server, () => buildOpenApi(app, name, '', testAuthConfig()));
}

/** Violations seen since the last call, records that have arrived so far included. */
export function takeViolations(): string[] {
  for (const source of sources) checkRecords(source);
  return violations.splice(0, violations.length);
}

/** Every violation at the end of a suite, after every source has caught up. */
export async function finalViolations(): Promise<string[]> {
  for (const source of [...sources]) await unwatchRecords(source);
  return takeViolations();
}

export function describeViolations(found: string[]): string {
  const unique = [...new Set(found)];
  return `the services' output disagrees with their published documents (${unique.length}):\n  ${unique.join('\n  ')}`;
}
