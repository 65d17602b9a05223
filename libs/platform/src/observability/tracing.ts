/*
 * Traces with OpenTelemetry, across HTTP and the event path. The code here only uses @opentelemetry/api: without a
 * registered SDK (the default) every span is a no-op and nothing is propagated, so tracing costs a few allocations
 * per request and per event. startTracing() registers the SDK (@opentelemetry/sdk-trace-node) with an exporter
 * chosen by OTEL_TRACES_EXPORTER.
 *
 * How a trace crosses the outbox: a write's HTTP span is active when its events are appended, and the outbox row
 * keeps that span's W3C `traceparent`; the relay publishes each such row in a producer span, child of it, whose
 * own traceparent goes in the Kafka record's headers; the consumer handles the event in a consumer span, child of
 * the producer's, and the events it appends carry that on. Instrumentation libraries that patch http or kafkajs
 * would not see this chain (the relay publishes later, from no request's context), so the spans are made here.
 */
import {
  context,
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import type { EnvReader } from '../config/env';
import { routeOf } from './metrics';

export function tracer(): Tracer {
  return trace.getTracer('jobbspar');
}

export interface TracingConfig {
  /** `none` (default): no SDK, no spans; `otlp`: OTLP over HTTP to `endpoint`; `console`: spans as JSON on stdout. */
  exporter: 'none' | 'otlp' | 'console';
  serviceName: string;
  /** The OTLP traces endpoint (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces). */
  endpoint?: string;
  /** How long finished spans wait to be sent together (OTEL_BSP_SCHEDULE_DELAY, ms; 1000 by default). */
  batchDelayMs?: number;
}

/** The standard OpenTelemetry variables, read once at start-up (OTEL_SERVICE_NAME defaults to the service). */
export function readTracingConfig(env: EnvReader, service: string): TracingConfig {
  const exporter = env.oneOf('OTEL_TRACES_EXPORTER', ['none', 'otlp', 'console'], 'none');
  const base = env.optional('OTEL_EXPORTER_OTLP_ENDPOINT');
  return {
    exporter,
    serviceName: env.string('OTEL_SERVICE_NAME', service),
    endpoint: env.optional('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? (base ? `${base.replace(/\/$/, '')}/v1/traces` : undefined),
    batchDelayMs: env.int('OTEL_BSP_SCHEDULE_DELAY', 1000, { min: 1, max: 3_600_000 }),
  };
}

export interface Tracing {
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers the SDK for this process (W3C trace context as the propagator), or nothing when the exporter is `none`.
 * `processors` replaces the exporter's (tests collect spans in memory).
 */
export function startTracing(config: TracingConfig, processors?: SpanProcessor[]): Tracing | undefined {
  if (config.exporter === 'none' && !processors) return undefined;
  const exporter = (): SpanExporter =>
    config.exporter === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter(config.endpoint ? { url: config.endpoint } : {});
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: processors ?? [new BatchSpanProcessor(exporter(), { scheduledDelayMillis: config.batchDelayMs ?? 1000 })],
  });
  provider.register();
  const tracing: Tracing = { shutdown: () => provider.shutdown() };
  registered = tracing;
  return tracing;
}

let registered: Tracing | undefined;

/**
 * On the way out (closeOnSignals, npm start's shutdown): sends the spans still waiting for their batch and stops
 * the SDK. Without it the last second of spans (the batch delay), the last request's among them, died with the
 * process. Bounded, so an unreachable collector cannot keep a stopping process alive; a no-op with tracing off.
 */
export async function stopTracing(timeoutMs = 5000): Promise<void> {
  const tracing = registered;
  registered = undefined;
  if (!tracing) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    tracing.shutdown().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]).finally(() => clearTimeout(timer));
}

const REQUEST_CONTEXT = Symbol('otel-context');
const QUIET = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * A server span per request, child of the caller's `traceparent` if it sent one; named by route template once
 * routed. Probes and scrapes are not traced.
 */
export function httpTracingMiddleware(service: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    // No SDK registered (the default): every span would be a no-op and nothing is propagated, so nothing is made.
    if (!registered) return next();
    const path = (req.url ?? '/').split('?')[0];
    if (QUIET.has(path)) return next();
    const method = req.method ?? 'GET';
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path, 'service.component': service } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    (req as IncomingMessage & { [REQUEST_CONTEXT]?: Context })[REQUEST_CONTEXT] = active;
    res.once('finish', () => {
      const route = routeOf(req);
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}

/** Puts the request's span around its handler again (body parsing loses the middleware's context, as for logs). */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || !registered) return next.handle();
    // Noted on the Node request; Nest hands Fastify's request around it.
    type Traced = { [REQUEST_CONTEXT]?: Context };
    const request = ctx.switchToHttp().getRequest<Traced & { raw?: Traced }>();
    const active = request[REQUEST_CONTEXT] ?? request.raw?.[REQUEST_CONTEXT];
    // Still the active context (a GET: no body parsing in between lost it): nothing to put back.
    if (!active || context.active() === active) return next.handle();
    return new Observable((subscriber) => context.with(active, () => next.handle().subscribe(subscriber)));
  }
}

/** The active span's W3C traceparent, to keep with an event written now (undefined when nothing is traced). */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * A producer span per published message, child of the traceparent its event was written under; its own
 * traceparent is set in the message's headers. Returns the spans, for `endSpans`.
 */
export function startPublishSpans(
  messages: ReadonlyArray<{ topic: string; headers: Record<string, string>; eventId: string; traceparent?: string | null }>,
): Span[] {
  const spans: Span[] = [];
  for (const m of messages) {
    if (!m.traceparent) continue;
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: m.traceparent });
    const span = tracer().startSpan(
      `${m.topic} publish`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': m.topic, 'messaging.message.id': m.eventId },
      },
      parent,
    );
    propagation.inject(trace.setSpan(parent, span), m.headers);
    spans.push(span);
  }
  return spans;
}

export function endSpans(spans: Span[], error?: unknown): void {
  for (const span of spans) {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
    span.end();
  }
}

/** Runs `work` in a consumer span, child of the producer span named by the message's headers. */
export async function inConsumerSpan<T>(
  topic: string,
  headers: Record<string, string> | undefined,
  attributes: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  if (!headers?.traceparent) return work();
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer().startActiveSpan(
    `${topic} process`,
    { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, ...attributes } },
    parent,
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
