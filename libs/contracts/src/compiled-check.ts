import { getMetadataStorage } from 'class-validator';

/**
 * class-validator's verdict on a JSON value, computed from a plan made once per class instead of its executor's
 * per-call metadata look-ups, grouping and error objects (in the consume profile of issue 14, validating an event
 * cost about 50 µs, 16–43% of the consumer's CPU). The plan calls class-validator's own constraint functions, in
 * the executor's order and with its rules (ValidateIf / IsOptional conditions, `each`, nested classes through
 * class-transformer's @Type, whitelist with forbidNonWhitelisted, forbidUnknownValues), so it can only say what
 * `validateSync(plainToInstance(target, value), { whitelist: true, forbidNonWhitelisted: true })` would say.
 *
 * It answers only when it is sure the value is valid; for anything else (a failure, or a shape it does not plan
 * for: a non-plain object, an async constraint, a nested value that is neither the object nor the array of objects
 * the decorators describe) it answers undefined, and the caller asks class-validator itself, which gives the
 * reasons. So a gap here costs time, never a wrong verdict; compiled-check.spec.ts compares both on generated and
 * mutated values of every contract.
 */

type Class = new () => object;

interface Metadata {
  type: string;
  propertyName: string;
  constraints: unknown[];
  each: boolean;
  constraintCls: object;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface ConstraintMetadata {
  async: boolean;
  instance: { validate(value: unknown, args: object): unknown };
}

/** The arguments class-validator hands a constraint (ValidationArguments): made once per check, value and object set per call. */
interface CheckArguments {
  targetName: string;
  property: string;
  object: object;
  value: unknown;
  constraints: unknown[];
}

interface PropertyPlan {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: { metadata: Metadata; validate: (value: unknown, args: object) => unknown; args: CheckArguments }[];
  nested?: { each: boolean; target: Class; plan?: ClassPlan };
}

interface ClassPlan {
  target: Class;
  properties: PropertyPlan[];
  allowed: Set<string>;
  /** False when a decorator is of a kind this plan does not reproduce: every value goes to class-validator. */
  usable: boolean;
}

// class-transformer keeps its @Type() metadata here; the module ships no type declarations of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: object, property: string): { typeFunction(): unknown } | undefined };
};

const plans = new Map<Class, ClassPlan>();

function planOf(target: Class): ClassPlan {
  let plan = plans.get(target);
  if (plan) return plan;
  const storage = getMetadataStorage();
  // The executor's own selection: no groups, `always` off, no strict groups, inherited decorators included.
  const metadatas = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false) as unknown as Metadata[];
  plan = { target, properties: [], allowed: new Set(metadatas.map((m) => m.propertyName)), usable: metadatas.length > 0 };
  plans.set(target, plan);
  const byName = new Map<string, PropertyPlan>();
  for (const m of metadatas) {
    let p = byName.get(m.propertyName);
    if (!p) byName.set(m.propertyName, (p = { name: m.propertyName, conditions: [], checks: [] }));
    switch (m.type) {
      case 'conditionalValidation':
        p.conditions.push(m.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case 'whitelistValidation':
        break;
      case 'isDefined':
      case 'customValidation': {
        const constraints = storage.getTargetValidatorConstraints(m.constraintCls as never) as unknown as ConstraintMetadata[];
        for (const c of constraints) {
          if (c.async) plan.usable = false;
          p.checks.push({
            metadata: m,
            validate: (value, args) => c.instance.validate(value, args),
            args: { targetName: target.name, property: m.propertyName, object: {}, value: undefined, constraints: m.constraints },
          });
        }
        break;
      }
      case 'nestedValidation': {
        const nested = defaultMetadataStorage.findTypeMetadata(target, m.propertyName)?.typeFunction() as Class | undefined;
        if (!nested || p.nested) plan.usable = false;
        else p.nested = { each: m.each, target: nested };
        break;
      }
      default:
        plan.usable = false;
    }
  }
  plan.properties = [...byName.values()];
  return plan;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** True only if class-validator would find no error in `value` as an instance of `target`. */
function certainlyValid(plan: ClassPlan, value: Record<string, unknown>): boolean {
  if (!plan.usable) return false;
  for (const key of Object.keys(value)) {
    if (!plan.allowed.has(key) || key === '__proto__') return false;
  }
  for (const p of plan.properties) {
    const v = value[p.name];
    let validate = true;
    for (const condition of p.conditions) validate = condition(value, v) && validate;
    if (!validate) continue;
    for (const { metadata, validate: check, args } of p.checks) {
      if (metadata.validateIf && !metadata.validateIf(value, v)) continue;
      // The same object each time (a constraint is synchronous here and keeps nothing of it): no allocation per check.
      args.object = value;
      args.value = v;
      if (metadata.each && Array.isArray(v)) {
        for (const item of v) if (!certain(check(item, args))) return false;
      } else if (!certain(check(v, args))) return false;
    }
    if (p.nested && v !== undefined) {
      const nested = (p.nested.plan ??= planOf(p.nested.target));
      if (p.nested.each) {
        if (!Array.isArray(v)) return false;
        for (const item of v) if (!isPlainObject(item) || !certainlyValid(nested, item)) return false;
      } else if (!isPlainObject(v) || !certainlyValid(nested, v)) return false;
    }
  }
  return true;
}

/** A constraint's answer counts only when it is a plain truthy value (a promise is an async check: not planned). */
const certain = (result: unknown): boolean => Boolean(result) && !(result instanceof Promise);

/** The instance plainToInstance builds: the class's own object, nested @Type values as their classes too. */
function instanceOf(plan: ClassPlan, value: Record<string, unknown>): object {
  const out = new plan.target() as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = value[key];
  for (const p of plan.properties) {
    const v = value[p.name];
    if (!p.nested || v === undefined) continue;
    const nested = (p.nested.plan ??= planOf(p.nested.target));
    out[p.name] = p.nested.each
      ? (v as Record<string, unknown>[]).map((item) => instanceOf(nested, item))
      : instanceOf(nested, v as Record<string, unknown>);
  }
  return out;
}

/** Whether `value` (a plain JSON object) passes `target`'s decorators for sure; false means "ask class-validator". */
export function passesCompiledCheck(target: Class, value: unknown): boolean {
  return isPlainObject(value) && certainlyValid(planOf(target), value);
}

/** The validated instance of `target` for a value that passes for sure, else undefined ("ask class-validator"). */
export function compiledInstance<T extends object>(target: new () => T, value: unknown): T | undefined {
  if (!isPlainObject(value)) return undefined;
  const plan = planOf(target);
  return certainlyValid(plan, value) ? (instanceOf(plan, value) as T) : undefined;
}
