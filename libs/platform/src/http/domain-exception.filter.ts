import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { ClientErrorStatus, DomainError } from '../errors/domain-error';
import { JsonLogger } from '../logging/json-logger';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/**
 * One filter per app. `statuses` is that app's exhaustive `Record<ErrorCode, status>`: adding an error code without
 * a status does not compile. HttpExceptions (validation, unknown routes, bad JSON bodies) pass through as they are;
 * anything else is a bug, logged and answered 500 without internals.
 */
@Catch()
export class DomainExceptionFilter<C extends string> implements ExceptionFilter {
  private readonly logger = new JsonLogger('http');

  constructor(private readonly statuses: Readonly<Record<C, ClientErrorStatus>>) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError && exception.code in this.statuses) {
      const status = this.statuses[exception.code as C];
      response.status(status).json({
        statusCode: status,
        error: REASON[status],
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      response.status(status).json(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    // body-parser errors (malformed JSON, payload too large) carry a status but are not HttpExceptions
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).json({ statusCode: status, error: REASON[status] ?? 'Bad Request', message: (exception as Error).message });
      return;
    }
    this.logger.write('error', 'unhandled error', { error: exception as Error, stack: (exception as Error)?.stack });
    response.status(500).json({ statusCode: 500, error: REASON[500], message: 'Internal server error' });
  }
}
