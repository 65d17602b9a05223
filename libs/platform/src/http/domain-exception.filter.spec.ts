import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { ArgumentsHost, BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { DomainError } from '../errors/domain-error';
import { DomainExceptionFilter, OUTAGE_RETRY_AFTER_SECONDS } from './domain-exception.filter';
import { describeValidationErrors } from './validation';

class NeedClosed extends DomainError<'NEED_CLOSED'> {
  readonly code = 'NEED_CLOSED' as const;
}
class UnknownTask extends DomainError<'UNKNOWN_TASK'> {
  readonly code = 'UNKNOWN_TASK' as const;
}

function respond(
  filter: DomainExceptionFilter<string>,
  exception: unknown,
  requestHeaders: Record<string, string> = {},
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const captured = { status: 0, body: {} as Record<string, unknown> } as {
    status: number;
    body: Record<string, unknown>;
    headers: Record<string, string>;
  };
  // Not enumerable: the other cases compare { status, body } as a whole.
  Object.defineProperty(captured, 'headers', { value: {}, enumerable: false });
  // As Fastify's reply: header(), status() and send().
  const response = {
    header(name: string, value: string) {
      captured.headers[name] = value;
      return this;
    },
    status(code: number) {
      captured.status = code;
      return this;
    },
    send(body: Record<string, unknown>) {
      captured.body = body;
    },
  };
  const request = { headers: requestHeaders };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }) } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return captured;
}

describe(DomainExceptionFilter.name, () => {
  const filter = new DomainExceptionFilter({ NEED_CLOSED: 409, UNKNOWN_TASK: 422 }, 102_400);

  it('answers a domain error with its mapped status, stable code and message', () => {
    expect(respond(filter, new NeedClosed('need n1 is closed and cannot be updated'))).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', code: 'NEED_CLOSED', message: 'need n1 is closed and cannot be updated' },
    });
    expect(respond(filter, new UnknownTask('tasks[0].taskId: unknown task "x"', { field: 'tasks[0].taskId' })).body).toMatchObject({
      statusCode: 422,
      code: 'UNKNOWN_TASK',
      details: { field: 'tasks[0].taskId' },
    });
  });

  it('passes HTTP exceptions through in the ErrorResponse shape and turns body-parser errors into their 4xx', () => {
    expect(respond(filter, new NotFoundException('Cannot GET /nope'))).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /nope' },
    });
    expect(respond(filter, new BadRequestException({ statusCode: 400, message: ['positions: must be >= 1'] })).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['positions: must be >= 1'],
    });
    // As the Fastify adapter hands Fastify's own 413 over: an HttpException with the FastifyError as its cause. The
    // size is the declared one; a compressed body's inflated length is not known in advance.
    const tooLarge = () =>
      new HttpException('Request body is too large', 413, {
        cause: Object.assign(new Error('Request body is too large'), {
          name: 'FastifyError',
          code: 'FST_ERR_CTP_BODY_TOO_LARGE',
          statusCode: 413,
        }),
      });
    expect(respond(filter, tooLarge(), { 'content-length': '120000' })).toEqual({
      status: 413,
      body: {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'request entity too large: the body has 120000 bytes, the limit is 102400 bytes (100 kB)',
      },
    });
    expect(respond(filter, tooLarge(), { 'content-length': '4000', 'content-encoding': 'gzip' }).body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request entity too large: the body is longer, the limit is 102400 bytes (100 kB)',
    });
    expect(respond(new DomainExceptionFilter({}, 4096), tooLarge(), { 'transfer-encoding': 'chunked' }).body.message).toBe(
      'request entity too large: the body is longer, the limit is 4096 bytes (4 kB)',
    );
    // Fastify's JSON parser's error: a SyntaxError with a statusCode, not mapped by the adapter.
    const malformed = Object.assign(new SyntaxError('Unexpected token } in JSON at position 12'), { statusCode: 400 });
    expect(respond(filter, malformed)).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'Unexpected token } in JSON at position 12' },
    });
  });

  it('answers 503 with Retry-After while the database is unreachable or restarting, never 500', () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const restarting = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const wrapped = Object.assign(new Error('the database system is starting up'), { driverError: { code: '57P03' } });
    // What a transaction's next statement throws once its connection died and TypeORM released it.
    const released = new QueryRunnerProviderAlreadyReleasedError();
    for (const error of [unreachable, restarting, wrapped, new Error('Connection terminated unexpectedly'), released]) {
      const { status, body, headers } = respond(filter, error);
      expect(status).toBe(503);
      expect(headers['Retry-After']).toBe(String(OUTAGE_RETRY_AFTER_SECONDS));
      expect(body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringMatching(/database\) is unavailable/),
      });
    }
    expect(respond(filter, Object.assign(new Error('duplicate key'), { code: '23505' })).status).toBe(500);
  });

  it("answers 403 when row-level security refuses a row outside the caller's tenant, and 500 for other permission errors", () => {
    const refused = Object.assign(new Error('query failed'), {
      driverError: { code: '42501', message: 'new row violates row-level security policy for table "candidates"' },
    });
    expect(respond(filter, refused)).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        code: 'OUTSIDE_TENANT',
        message: 'the change would write a row outside your region (tenant); nothing was changed',
      },
    });
    const notGranted = Object.assign(new Error('query failed'), {
      driverError: { code: '42501', message: 'permission denied for table x' },
    });
    expect(respond(filter, notGranted).status).toBe(500);
  });

  it('hides the internals of anything else behind a 500', () => {
    const { status, body } = respond(filter, new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('undefined');
  });
});

class Support {
  @IsInt() @Min(0) @Max(100) supervisorCapacity!: number;
}
class Need {
  @IsString() @MaxLength(5) name!: string;
  @ValidateNested() @Type(() => Support) support!: Support;
}

describe('describeValidationErrors', () => {
  it('names every failing field by its path, nested ones included', () => {
    const errors = validateSync(plainToInstance(Need, { name: 'too long a name', support: { supervisorCapacity: 101 } }));
    expect(describeValidationErrors(errors)).toEqual([
      'name must be shorter than or equal to 5 characters',
      'support.supervisorCapacity must not be greater than 100',
    ]);
  });
});
