import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';

// class-transformer's metadata storage is not part of its index (libs/contracts reads it the same way).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTransformMetadatas(target: Function, property: string, type: TransformationType): unknown[] };
};

/** Flattens nested class-validator errors into `field.path: reason` lines, the message clients see. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      lines.push(message.includes(error.property) ? `${parent ? parent + '.' : ''}${message}` : `${path}: ${message}`);
    }
    if (error.children?.length) lines.push(...describeValidationErrors(error.children, path));
  }
  return lines;
}

/**
 * class-validator's own rules whose verdict depends on the value alone (their constraints are fixed when the class
 * is declared). A DTO with any other rule (a custom constraint, `ValidateIf`, nested classes) or a class-transformer
 * `@Transform` is validated afresh every time.
 */
const VALUE_ONLY_RULES = new Set([
  'isOptional',
  'isDefined',
  'matches',
  'isIn',
  'isNotIn',
  'isEnum',
  'isInt',
  'isNumber',
  'isNumberString',
  'isBoolean',
  'isBooleanString',
  'isString',
  'isUUID',
  'isISO8601',
  'isDateString',
  'min',
  'max',
  'minLength',
  'maxLength',
  'length',
  'isPositive',
  'isNotEmpty',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayNotEmpty',
  'arrayUnique',
  'isArray',
  'equals',
]);

/** Outcomes remembered per DTO class at most; past it, the memory starts afresh (a flood of distinct queries). */
const MAX_REMEMBERED = 1000;

type Flat = Record<string, string | number | boolean | null | undefined | (string | number | boolean)[]>;

function valueOnly(metatype: Function): boolean {
  const rules = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
  return rules.every(
    (rule) =>
      rule.name !== undefined &&
      VALUE_ONLY_RULES.has(rule.name) &&
      rule.validateIf === undefined &&
      defaultMetadataStorage.findTransformMetadatas(metatype, rule.propertyName, TransformationType.PLAIN_TO_CLASS).length === 0,
  );
}

/** A copy of a validated DTO of scalars and arrays of scalars, or undefined for anything deeper. */
function flatCopy(dto: object): object | undefined {
  const copy = Object.create(Object.getPrototypeOf(dto) as object) as Flat;
  for (const [key, value] of Object.entries(dto)) {
    if (Array.isArray(value)) {
      if (value.some((v) => v !== null && typeof v === 'object')) return undefined;
      copy[key] = [...(value as (string | number | boolean)[])];
    } else if (value !== null && typeof value === 'object') return undefined;
    else copy[key] = value as Flat[string];
  }
  return copy;
}

/**
 * Nest's ValidationPipe, remembering what a query string or a path's parameters validated to (issue 14: validating
 * `?limit=50` took longer than answering the review queue from memory). Only for DTO classes whose every rule
 * depends on the value alone (VALUE_ONLY_RULES) and whose result is flat; each request gets a copy of its own.
 * Failures are not remembered: they are validated, and described, every time.
 */
class RememberingValidationPipe extends ValidationPipe {
  private readonly eligible = new WeakMap<Function, boolean>();
  private readonly remembered = new WeakMap<Function, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if ((type !== 'query' && type !== 'param') || !metatype || value === null || typeof value !== 'object' || !this.toValidate(metadata))
      return super.transform(value, metadata);
    let eligible = this.eligible.get(metatype);
    if (eligible === undefined) this.eligible.set(metatype, (eligible = valueOnly(metatype)));
    if (!eligible) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    let outcomes = this.remembered.get(metatype);
    if (!outcomes) this.remembered.set(metatype, (outcomes = new Map()));
    const known = outcomes.get(key);
    if (known) return flatCopy(known);
    const result = (await super.transform(value, metadata)) as object;
    const kept = flatCopy(result);
    if (kept) {
      if (outcomes.size >= MAX_REMEMBERED) outcomes.clear();
      outcomes.set(key, kept);
    }
    return result;
  }
}

/**
 * Global pipe: unknown fields are rejected, types are converted, every failure names its field. A query's or path's
 * outcome is remembered where its rules allow (RememberingValidationPipe).
 */
export function createValidationPipe(): ValidationPipe {
  return new RememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: describeValidationErrors(errors) }),
  });
}
