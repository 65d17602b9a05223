import { PageOffset, PageSize } from '@jobbspar/platform';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const MAX_OFFSET = 100_000;

/** Paging for every list: offset-based, with the total in the answer. */
export class PageRequest {
  @PageSize({ max: MAX_PAGE_SIZE, default: 20 })
  limit: number = 20;

  @PageOffset({ max: MAX_OFFSET })
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
