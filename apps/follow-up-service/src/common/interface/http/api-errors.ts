import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The body of every 4xx answer. */
export class ErrorResponse {
  @ApiProperty({ example: 422 }) statusCode!: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error!: string;
  @ApiPropertyOptional({ description: 'Stable error code of a business rule', example: 'INVALID_FIGURES' }) code?: string;
  @ApiProperty({
    description: 'What is wrong, as `field: reason` (for imports: `line N, field: reason; ...`)',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  message!: string | string[];
  @ApiPropertyOptional({
    description: 'Details, e.g. `problems: [{line, field, message}]` of an import',
    type: 'object',
    additionalProperties: true,
  })
  details?: Record<string, unknown>;
}

const MEANING: Record<number, string> = {
  400: 'Malformed input: a missing, extra or wrongly typed field, a malformed id, month or region',
  403: 'The analyst may read only her own region',
  404: 'No such region or goal',
  409: 'The month is not released yet (the body names the day it will be)',
  413: 'The import is larger than the body limit (100 kB): split it',
  422: 'Well-formed but wrong: an import or form with wrong rows (each named by line and field), nothing stored',
};

export function ApiErrors(...statuses: (400 | 403 | 404 | 409 | 413 | 422)[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ErrorResponse })));
}
