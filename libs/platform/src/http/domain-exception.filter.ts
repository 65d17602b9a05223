import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ClientErrorStatus, DomainError } from '../errors/domain-error';
import { isInfrastructureOutage } from '../errors/outage';
import { describeErrorSafely, stackFrames } from '../errors/safe-description';
import { JsonLogger } from '../logging/json-logger';

/** What the filter needs of a reply (Fastify's; Express's has the same three). */
interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

const reason = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** Fastify's body parser says "Request body is too large"; the caller also needs the limit, and how far over she is. */
function tooLargeMessage(request: FastifyRequest | undefined, limit: number): string {
  const declared = Number(request?.headers['content-length']);
  // A compressed body's declared length is not the one the limit counts (the inflated one).
  const plain = !request?.headers['content-encoding'] || request.headers['content-encoding'] === 'identity';
  const size = plain && Number.isInteger(declared) && declared > limit ? `the body has ${declared} bytes` : 'the body is longer';
  return `request entity too large: ${size}, the limit is ${limit} bytes (${Math.round(limit / 1024)} kB)`;
}

const isBodyTooLarge = (error: unknown): boolean => (error as { code?: unknown })?.code === 'FST_ERR_CTP_BODY_TOO_LARGE';

/** Seconds a client is asked to wait when the database is unavailable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Every 4xx body has the documented ErrorResponse shape (statusCode, error, message, and for business rules code and
 * details), whoever raised it: a domain rule, the validation pipe, the router or the body parser.
 *
 * One filter per app. `statuses` is that app's exhaustive `Record<ErrorCode, status>`: adding an error code without
 * a status does not compile. HttpExceptions (validation, unknown routes, bad JSON bodies) pass through as they are;
 * a dependency that is down (the database) answers 503 with Retry-After, logged once per
 * outage rather than once per request; anything else is a bug, logged and answered 500 without internals.
 */
@Catch()
export class DomainExceptionFilter<C extends string> implements ExceptionFilter {
  private readonly logger = new JsonLogger('http');
  private outage = { since: 0, lastLogged: 0, answered: 0 };

  constructor(
    private readonly statuses: Readonly<Record<C, ClientErrorStatus>>,
    /** The body limit in bytes, named in a 413's message (the app's; else the route's as Fastify knows it). */
    private readonly bodyLimit?: number,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Reply>();
    const request = host.switchToHttp().getRequest<FastifyRequest | undefined>();
    if (exception instanceof DomainError && exception.code in this.statuses) {
      const status = this.statuses[exception.code as C];
      response.status(status).send({
        statusCode: status,
        error: reason(status),
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      // The adapter wraps Fastify's own 4xx errors (body too large, unsupported media type…) in an HttpException,
      // the original as its cause.
      const fields = isBodyTooLarge(exception.cause)
        ? { message: tooLargeMessage(request, this.bodyLimit ?? request?.routeOptions?.bodyLimit ?? 0) }
        : typeof body === 'string'
          ? { message: body }
          : (body as Record<string, unknown>);
      response
        .status(status)
        .send({ ...fields, statusCode: status, error: fields.error ?? reason(status), message: fields.message ?? reason(status) });
      return;
    }
    // The JSON parser's SyntaxError (a malformed body) and errors like it carry a 4xx status but are no HttpException.
    const status = (exception as { statusCode?: unknown; status?: unknown })?.statusCode ?? (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).send({ statusCode: status, error: reason(status), message: (exception as Error).message });
      return;
    }
    if (isRowLevelSecurityRefusal(exception)) {
      // The database's tenancy held where the code's did not look (row-level-security.ts): a write that would leave
      // the caller's tenant, e.g. a candidate moved to another region's municipality. Nothing was written.
      this.logger.write('warn', 'row-level security refused a write', { error: describeErrorSafely(exception) });
      response.status(403).send({
        statusCode: 403,
        error: reason(403),
        code: 'OUTSIDE_TENANT',
        message: 'the change would write a row outside your region (tenant); nothing was changed',
      });
      return;
    }
    if (isInfrastructureOutage(exception)) {
      this.noteOutage(exception);
      response.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      response.status(503).send({
        statusCode: 503,
        error: reason(503),
        message: `a service this API depends on (the database) is unavailable; nothing was changed, retry in ${OUTAGE_RETRY_AFTER_SECONDS} s`,
      });
      return;
    }
    // Safe description and frames only: the message of a driver error can quote the request's data.
    this.logger.write('error', 'unhandled error', { error: describeErrorSafely(exception), stack: stackFrames(exception) });
    response.status(500).send({ statusCode: 500, error: reason(500), message: 'Internal server error' });
  }

  /** One warning when an outage starts and one every 30 s while it lasts, with how many requests got a 503. */
  private noteOutage(error: unknown): void {
    const now = Date.now();
    if (now - this.outage.lastLogged > 60_000) this.outage = { since: now, lastLogged: 0, answered: 0 };
    this.outage.answered++;
    if (now - this.outage.lastLogged < 30_000) return;
    this.outage.lastLogged = now;
    this.logger.write('warn', 'database unavailable; answering 503', {
      error: describeErrorSafely(error),
      answered503: this.outage.answered,
      sinceMs: now - this.outage.since,
    });
  }
}

/** PostgreSQL's refusal of a row its policies do not admit: SQLSTATE 42501, "new row violates row-level security policy". */
export function isRowLevelSecurityRefusal(error: unknown): boolean {
  const driver =
    (error as { driverError?: { code?: string; message?: string } })?.driverError ?? (error as { code?: string; message?: string });
  return driver?.code === '42501' && /row-level security/.test(String(driver.message));
}
