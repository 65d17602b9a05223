import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Counter,
  CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  register,
} from 'prom-client';

/**
 * Prometheus metrics (prom-client, the client every Node exporter uses), in the process's one registry served at
 * /metrics. Every metric carries a `service` label: `npm start` runs the four services in one process and one
 * registry, `npm run stack` one per process. Metrics are made once per process and shared by every app in it
 * (a second app of the same service, as tests start them, reuses them).
 */
export const metricsRegistry = register;

function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  return once(config.name, () => new Counter(config));
}

export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  return once(config.name, () => new Gauge(config));
}

export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  return once(config.name, () => new Histogram(config));
}

/** Seconds, from a millisecond up to half a minute: HTTP requests, event handling, solves. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

let processMetrics = false;
/** Node's own metrics (event-loop lag, heap, GC, CPU), once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register });
}

const httpDuration = () =>
  histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route template (never the raw path: ids would make a series each), method and status',
    labelNames: ['service', 'method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
  });

/** Where the route template a request matched is noted on the Node request (createServiceApp's first hook). */
export const ROUTE = Symbol('jobbspar.route');

type Routed = { [ROUTE]?: string; raw?: { [ROUTE]?: string }; routeOptions?: { url?: string } };

/**
 * The route template the router matched (`/needs/:id`), or `unmatched` for a 404 that no route took: of a Node
 * request (noted there when it arrived) or of Fastify's request around it.
 */
export function routeOf(req: object): string {
  const r = req as Routed;
  const route = r[ROUTE] ?? r.raw?.[ROUTE] ?? r.routeOptions?.url;
  return typeof route === 'string' ? route : 'unmatched';
}

/** Times every request of a service's app by route. */
export function httpMetricsMiddleware(service: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const duration = httpDuration();
  return (req, res, next) => {
    const end = duration.startTimer();
    res.once('finish', () => {
      const route = routeOf(req);
      if (route === '/metrics') return;
      end({ service, method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
