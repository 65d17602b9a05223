import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { currentLogContext, JsonLogger, LogLevel, withLogContext } from '../logging/json-logger';
import { routeOf } from '../observability/metrics';

/**
 * The correlation id of a request: the caller's `X-Correlation-Id` if it is a plausible id (8–64 letters, digits,
 * dashes: never free text, so never a name), else a new UUID. It is echoed in the response, carried by every log
 * line written for the request, handed to commands (request-context.ts reads the same header), and from there into
 * the envelope of every event the request causes and the log lines of the consumers that handle those events.
 */
export const CORRELATION_HEADER = 'x-correlation-id';
const PLAUSIBLE = /^[A-Za-z0-9-]{8,64}$/;

export function correlationIdOf(headers: IncomingMessage['headers']): string {
  const given = headers[CORRELATION_HEADER];
  return typeof given === 'string' && PLAUSIBLE.test(given) ? given : randomUUID();
}

/** First middleware of an app: settles the id, puts it on the request (for later readers) and the response. */
export function correlationMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const id = correlationIdOf(req.headers);
  req.headers[CORRELATION_HEADER] = id;
  res.setHeader('X-Correlation-Id', id);
  withLogContext({ correlationId: id }, next);
}

/**
 * Puts the request's correlation id around its handler again: body parsing runs on the socket's callbacks, which do
 * not carry the middleware's context, so a handler's log lines would lose it.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const id = context.switchToHttp().getRequest<{ headers: IncomingMessage['headers'] }>().headers[CORRELATION_HEADER];
    // Still in the middleware's context (a GET: no body parsing in between lost it): nothing to put back.
    if (typeof id !== 'string' || currentLogContext().correlationId === id) return next.handle();
    return new Observable((subscriber) => withLogContext({ correlationId: id }, () => next.handle().subscribe(subscriber)));
  }
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const QUIET = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * One line per request, written through pino once the response is over: method, route template, path without its
 * query (a query may hold a search term), status and time (`ms`); `request failed` at level error for a 5xx or a
 * response that failed. Probes and metrics scrapes are not logged.
 *
 * Written here rather than by pino-http (which wrote the same line before, issue 14): pino-http makes two or three
 * child loggers per request, each serialising the request's bindings at once whether or not a line is ever
 * written, which was 6 % of the CPU of a request answered from memory (bench/api/review-queue.bench.ts, its
 * profile). The line is the same: the writing is still pino's.
 */
export function requestLogger(service: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const logger = JsonLogger.pinoWithoutContext();
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (QUIET.has(path)) return next();
    const started = Date.now();
    const done = (error?: Error): void => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      res.removeListener('error', done);
      const failed = error !== undefined || res.statusCode >= 500;
      const level: LogLevel = failed ? 'error' : 'info';
      if (RANK[level] < RANK[JsonLogger.threshold]) return;
      const line = {
        correlationId: String(req.headers[CORRELATION_HEADER] ?? ''),
        req: { method: req.method, path },
        component: 'http',
        service,
        res: { status: res.statusCode },
        ms: Date.now() - started,
        // The route is known once the router matched it, so at the end.
        route: routeOf(req),
      };
      if (failed) logger.error({ ...line, err: { name: error?.name ?? 'Error' } }, 'request failed');
      else logger.info(line, 'request');
    };
    res.on('finish', done);
    res.on('close', done);
    res.on('error', done);
    next();
  };
}
