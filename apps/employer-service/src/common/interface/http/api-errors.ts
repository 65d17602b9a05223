import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The body of every 4xx answer: which field and why, and for domain errors a stable code. */
export class ErrorResponse {
  @ApiProperty({ description: 'HTTP status code.', example: 422 })
  statusCode!: number;

  @ApiProperty({ description: 'HTTP reason phrase.', example: 'Unprocessable Entity' })
  error!: string;

  @ApiPropertyOptional({ description: 'Stable error code of a business rule (absent for malformed input).', example: 'UNKNOWN_TASK' })
  code?: string;

  @ApiProperty({
    description: 'What is wrong, as `field: reason`; malformed input lists every offending field.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  message!: string | string[];

  @ApiPropertyOptional({
    description: 'Machine-readable details, such as the offending field.',
    type: 'object',
    additionalProperties: true,
  })
  details?: Record<string, unknown>;
}

const MEANING: Record<number, string> = {
  400: 'Malformed input: a missing, extra or wrongly typed field, a value out of range, a malformed id or JSON body',
  404: 'The addressed or referenced resource does not exist',
  409: 'The resource is in a state that does not allow this (e.g. a closed need, a duplicate organisation number)',
  422: 'Well-formed but meaningless input: an unknown taxonomy code, a start date in the past, a broken role composition',
};

export function ApiErrors(...statuses: (400 | 404 | 409 | 422)[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ErrorResponse })));
}
