import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
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
 * One line per request (pino-http): method, route template, path without its query (a query may hold a search
 * term), status and time. Probes and metrics scrapes are not logged.
 */
export function requestLogger(service: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return pinoHttp({
    logger: JsonLogger.pinoWithoutContext(),
    genReqId: (req) => String(req.headers[CORRELATION_HEADER] ?? correlationIdOf(req.headers)),
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'ms' },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => QUIET.has((req.url ?? '').split('?')[0]) },
    customLogLevel: (_req, res, error) => {
      const level: LogLevel = error || res.statusCode >= 500 ? 'error' : 'info';
      return RANK[level] < RANK[JsonLogger.threshold] ? 'silent' : level;
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    customProps: () => ({ component: 'http', service }),
    // The route is known once the router matched it, so at the end.
    customSuccessObject: (req, _res, value: object) => ({ ...value, route: routeOf(req) }),
    customErrorObject: (req, _res, _error, value: object) => ({ ...value, route: routeOf(req) }),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: String(req.url).split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: (err: Error) => ({ name: err.name }),
    },
  });
}
