import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { DomainError } from '../errors/domain-error';
import { DomainExceptionFilter } from './domain-exception.filter';
import { describeValidationErrors } from './validation';

class NeedClosed extends DomainError<'NEED_CLOSED'> {
  readonly code = 'NEED_CLOSED' as const;
}
class UnknownTask extends DomainError<'UNKNOWN_TASK'> {
  readonly code = 'UNKNOWN_TASK' as const;
}

function respond(filter: DomainExceptionFilter<string>, exception: unknown): { status: number; body: Record<string, unknown> } {
  const captured = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      captured.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return captured;
}

describe(DomainExceptionFilter.name, () => {
  const filter = new DomainExceptionFilter({ NEED_CLOSED: 409, UNKNOWN_TASK: 422 });

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
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(respond(filter, tooLarge)).toEqual({
      status: 413,
      body: { statusCode: 413, error: 'Payload Too Large', message: 'request entity too large' },
    });
    const malformed = Object.assign(new SyntaxError('Unexpected token } in JSON at position 12'), { status: 400 });
    expect(respond(filter, malformed)).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'Unexpected token } in JSON at position 12' },
    });
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
