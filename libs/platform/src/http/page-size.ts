import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/**
 * The page size of a list endpoint, capped: a `limit` (or `pageSize`) over the cap is a 400 that names the cap,
 * never silently clamped (a client paging by `offset += limit` would skip rows it never saw). Every list of the
 * API takes its page size through this decorator, so the cap is documented (`maximum`) and enforced alike.
 */
export function PageSize(options: { max: number; default: number; description?: string }): PropertyDecorator {
  const what = options.description ?? 'Items per page';
  return applyDecorators(
    ApiPropertyOptional({
      description: `${what}, 1-${options.max} (default ${options.default}); more than ${options.max} is a 400`,
      minimum: 1,
      maximum: options.max,
      default: options.default,
      type: 'integer',
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(options.max, { message: ({ property }) => `${property} must be at most ${options.max} (the page size cap)` }),
  );
}

/** How many rows to skip, capped: a deep OFFSET makes PostgreSQL read and discard every row before it. */
export function PageOffset(options: { max: number; description?: string }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${options.description ?? 'How many items to skip'}, 0-${options.max} (default 0)`,
      minimum: 0,
      maximum: options.max,
      default: 0,
      type: 'integer',
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(options.max, { message: ({ property }) => `${property} must be at most ${options.max}` }),
  );
}

/**
 * A query parameter naming several objects by id, comma-separated (`?ids=a,b`): 1 to `max` uuids, trimmed and
 * lower-cased, each one checked; a message that names `ids` and what the ids are of. Batch reads take their ids
 * through this decorator, so the cap is documented and enforced alike.
 */
export function IdList(options: { of: string; max: number; description: string; example: string }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: `${options.description}, comma-separated, 1 to ${options.max}`, type: String, example: options.example }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((id) => id.trim().toLowerCase())
            .filter(Boolean)
        : value,
    ),
    ArrayMinSize(1, { message: `ids: name at least one ${options.of} id` }),
    ArrayMaxSize(options.max, { message: `ids: at most ${options.max} ${options.of} ids per call` }),
    IsUUID('all', { each: true, message: `ids: each must be a ${options.of} id (uuid)` }),
  );
}
