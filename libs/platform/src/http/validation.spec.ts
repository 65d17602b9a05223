import { BadRequestException, type Type, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, registerDecorator, ValidationOptions } from 'class-validator';
import { PageOffset, PageSize } from './page-size';
import { createValidationPipe } from './validation';

class Filter {
  @PageSize({ max: 200, default: 50 })
  limit?: number;

  @PageOffset({ max: 1000 })
  offset?: number;

  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit municipality code' })
  municipality?: string;

  @IsOptional()
  @IsIn(['proposed', 'accepted'], { each: true })
  status?: string[];
}

let allowed = true;
/** A rule whose verdict depends on something besides the value: such a DTO must be validated every time. */
function IsAllowedNow(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isAllowedNow',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: { validate: () => allowed },
    });
}

class Stateful {
  @IsAllowedNow({ message: 'not now' })
  at!: string;
}

class Transformed {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]+$/)
  code!: string;
}

describe('the platform validation pipe', () => {
  const query = (metatype: Type) => ({ type: 'query' as const, metatype, data: undefined });
  let pipe: ValidationPipe;
  let validations: jest.SpyInstance;
  beforeEach(() => {
    pipe = createValidationPipe();
    validations = jest.spyOn(ValidationPipe.prototype, 'transform');
  });
  afterEach(() => validations.mockRestore());

  it('validates a query once and answers a repeat from memory, each request with a copy of its own', async () => {
    const first = (await pipe.transform({ limit: '50', municipality: '1496', status: ['proposed'] }, query(Filter))) as Filter;
    expect(first).toBeInstanceOf(Filter);
    expect(first).toEqual(Object.assign(new Filter(), { limit: 50, municipality: '1496', status: ['proposed'] }));
    first.status!.push('mutated by a handler');
    first.limit = 1;

    const again = (await pipe.transform({ limit: '50', municipality: '1496', status: ['proposed'] }, query(Filter))) as Filter;
    expect(again).toBeInstanceOf(Filter);
    expect(again).toEqual(Object.assign(new Filter(), { limit: 50, municipality: '1496', status: ['proposed'] }));
    expect(validations).toHaveBeenCalledTimes(1);

    await pipe.transform({ limit: '20' }, query(Filter));
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('refuses a bad query every time with the message that names it, and remembers no failure', async () => {
    for (let i = 0; i < 2; i++) {
      const refusal = pipe.transform({ limit: '500', municipality: 'Skövde' }, query(Filter));
      await expect(refusal).rejects.toBeInstanceOf(BadRequestException);
      await expect(refusal).rejects.toMatchObject({
        response: {
          message: expect.arrayContaining([
            'limit must be at most 200 (the page size cap)',
            'municipality must be a 4-digit municipality code',
          ]),
        },
      });
    }
    await expect(pipe.transform({ limit: '50', extra: '1' }, query(Filter))).rejects.toMatchObject({
      response: { message: ['property extra should not exist'] },
    });
    expect(validations).toHaveBeenCalledTimes(3);
  });

  it('validates afresh every time a DTO whose rules depend on more than the value, or that transforms it', async () => {
    allowed = true;
    await pipe.transform({ at: 'x' }, query(Stateful));
    allowed = false;
    await expect(pipe.transform({ at: 'x' }, query(Stateful))).rejects.toMatchObject({ response: { message: ['at: not now'] } });
    allowed = true;

    expect(await pipe.transform({ code: 'abc' }, query(Transformed))).toEqual(Object.assign(new Transformed(), { code: 'ABC' }));
    expect(await pipe.transform({ code: 'abc' }, query(Transformed))).toEqual(Object.assign(new Transformed(), { code: 'ABC' }));
    expect(validations).toHaveBeenCalledTimes(4);
  });

  it('remembers nothing of a body', async () => {
    const body = { type: 'body' as const, metatype: Filter, data: undefined };
    await pipe.transform({ limit: 5 }, body);
    await pipe.transform({ limit: 5 }, body);
    expect(validations).toHaveBeenCalledTimes(2);
  });
});
