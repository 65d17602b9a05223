import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { isKnownMunicipality, listCounties, listMunicipalities } from '@jobbspar/taxonomy';

/** Reusable payload parts. Published contract versions reference these; changing one means a new version. */
export const SSYK = /^\d{4}$/;
export const MUNICIPALITY_CODE = /^\d{4}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** RFC 3339 date-time, as `Date.toISOString()` writes it (an offset instead of Z is accepted too). */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
export const TASK_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export const TASK_WEIGHTS = ['must-have', 'nice-to-have'] as const;
export type TaskWeight = (typeof TASK_WEIGHTS)[number];
export type TaskLevel = 1 | 2 | 3;

/**
 * The taxonomy's codes, checked where an event enters a service: a well-formed but unknown code (`9999`) would be
 * applied and then match nothing, so it is a contract violation (dead letter with the reason) instead. The AsyncAPI
 * document lists the same codes as enums (`MunicipalityCode`, `CountyCode`).
 */
export const MUNICIPALITY_CODES: readonly string[] = listMunicipalities().map((m) => m.code);
export const COUNTY_CODES: readonly string[] = listCounties().map((c) => c.code);
const COUNTY_SET = new Set(COUNTY_CODES);

export function IsMunicipalityCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isMunicipalityCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && MUNICIPALITY_CODE.test(value) && isKnownMunicipality(value),
      defaultMessage: (args) =>
        `${args?.property} must be a municipality code of the taxonomy (SCB kommunkod), got ${JSON.stringify(args?.value)}`,
    },
  });
}

export function IsCountyCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isCountyCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && COUNTY_SET.has(value),
      defaultMessage: (args) => `${args?.property} must be a county code of the taxonomy (SCB länskod), got ${JSON.stringify(args?.value)}`,
    },
  });
}

/** An instant: RFC 3339 in shape and a real calendar date and time (the document says `format: date-time`). */
export function IsDateTime(): PropertyDecorator {
  return (target, property) => {
    Matches(DATE_TIME, { message: `${String(property)} must be an RFC 3339 date-time such as 2026-03-02T08:00:00.000Z` })(target, property);
    IsISO8601({ strict: true })(target, property);
  };
}

/** Properties that must be present and may be null; the AsyncAPI generator reads this to write `type: [T, 'null']`. */
const NULLABLE = new WeakMap<object, Set<string>>();

export function IsNullable(): PropertyDecorator {
  return (target, property) => {
    const set = NULLABLE.get(target.constructor) ?? new Set<string>();
    set.add(String(property));
    NULLABLE.set(target.constructor, set);
    ValidateIf((_, value) => value !== null)(target, property);
  };
}

export function isNullableProperty(target: object, property: string): boolean {
  for (let proto: object | null = target; proto && proto !== Object; proto = Object.getPrototypeOf(proto)) {
    if (NULLABLE.get(proto)?.has(property)) return true;
  }
  return false;
}

export class TaskRequirementV1 {
  @IsString() @Matches(TASK_ID) @MaxLength(80) taskId!: string;
  @IsInt() @Min(1) @Max(3) requiredLevel!: TaskLevel;
  @IsIn(TASK_WEIGHTS) weight!: TaskWeight;
}

export class SupportOfferedV1 {
  /** How many placed people a supervisor at the workplace can support closely at once. */
  @IsInt() @Min(0) @Max(100) supervisorCapacity!: number;
  @IsBoolean() pairInternshipAllowed!: boolean;
  @IsBoolean() languageSupport!: boolean;
}

export class SupportNeedsV1 {
  @IsBoolean() closeSupervision!: boolean;
  @IsBoolean() languageSupport!: boolean;
}

export const PLACEMENT_TYPES = ['internship', 'work-training', 'employment'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const NEED_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export { Type };
