import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const MAX_OFFSET = 100_000;

/** Paging for every list: offset-based, with the total in the answer. */
export class PageRequest {
  @ApiPropertyOptional({ description: `Page size, 1-${MAX_PAGE_SIZE}.`, default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'How many items to skip.', default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

/**
 * A query-string boolean: exactly `true` or `false`. Anything else is left as it is, so that @IsBoolean rejects it
 * instead of JavaScript's truthiness turning `"no"` into true.
 */
export function QueryBoolean(): PropertyDecorator {
  const transform = Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
  const validate = IsBoolean();
  return (target, key) => {
    transform(target, key);
    validate(target, key);
  };
}
