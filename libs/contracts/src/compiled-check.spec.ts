import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { compiledInstance, passesCompiledCheck } from './compiled-check';
import { buildAsyncApi, CONTRACTS, EventEnvelopeSchema, NeedPostedV1 } from './index';

type Schema = Record<string, unknown>;
type Class = new () => object;

const schemas = (buildAsyncApi(CONTRACTS.all()) as { components: { schemas: Record<string, Schema> } }).components.schemas;

/** Values that break a field in the ways a producer gets it wrong: wrong type, empty, out of range, malformed. */
const JUNK: unknown[] = [
  null,
  [],
  {},
  '',
  0,
  -1,
  1.5,
  1e9,
  true,
  'x'.repeat(300),
  '9999',
  '2026-13-45',
  'not-a-uuid',
  [{}],
  ['1'],
  { a: 1 },
];

/**
 * Values shaped by the AsyncAPI schema (which is generated from the same decorators), with `junk` the chance that
 * a node is replaced by a junk value, an optional key left out, a required one dropped or an unknown one added.
 */
function arbitraryOf(schema: Schema, junk: number): fc.Arbitrary<unknown> {
  const shaped = shapedOf(schema, junk);
  if (junk === 0) return shaped;
  return fc.oneof({ weight: Math.round(1 / junk), arbitrary: shaped }, { weight: 1, arbitrary: fc.constantFrom(...JUNK) });
}

function shapedOf(schema: Schema, junk: number): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(schemas[String(schema.$ref).split('/').pop()!], junk);
  if (schema.oneOf) return fc.oneof(...(schema.oneOf as Schema[]).map((s) => arbitraryOf(s, junk)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => arbitraryOf({ ...schema, type }, junk)));
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: Number(schema.minimum ?? -1000), max: Number(schema.maximum ?? 1e6) });
    case 'number':
      return fc.double({ min: Number(schema.minimum ?? -1000), max: Number(schema.maximum ?? 1e6), noNaN: true });
    case 'string':
      return stringOf(schema);
    case 'array': {
      const max = Math.min(Number(schema.maxItems ?? 4), 4);
      return fc.array(arbitraryOf((schema.items as Schema) ?? {}, junk), {
        minLength: Math.min(Number(schema.minItems ?? 0), max),
        maxLength: max,
      });
    }
    case 'object':
      return schema.properties
        ? objectOf(schema, junk)
        : fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }).map((d) => ({ ...d }));
    default:
      return fc.jsonValue();
  }
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') {
    const instant = fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    // Mostly real instants; sometimes only the shape (a 13th month, a 30th of February), which IsISO8601 refuses.
    return fc.oneof({ weight: 4, arbitrary: instant }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(String(schema.pattern))) });
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(String(schema.pattern)));
  return fc.string({ minLength: Number(schema.minLength ?? 0), maxLength: Math.min(Number(schema.maxLength ?? 20), 20) });
}

function objectOf(schema: Schema, junk: number): fc.Arbitrary<unknown> {
  const properties = schema.properties as Record<string, Schema>;
  const required = new Set(schema.required as string[]);
  const base = fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitraryOf(s, junk)])), {
    requiredKeys: [...required].filter((k) => k in properties),
  });
  // As JSON.parse makes them: plain objects (fast-check's records have no prototype).
  if (junk === 0) return base.map((value) => ({ ...(value as object) }));
  const keys = Object.keys(properties);
  return fc
    .tuple(base, fc.nat({ max: Math.round(keys.length / junk) }), fc.nat({ max: Math.round(2 / junk) }))
    .map(([value, drop, add]) => {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (drop < keys.length) delete out[keys[drop]];
      if (add === 0) out.unexpected = 1;
      return out;
    });
}

/** class-validator's own verdict, as the consumer asked it before the compiled check. */
function classValidatorAccepts(target: Class, value: unknown): boolean {
  return (
    validateSync(plainToInstance(target, value) as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })
      .length === 0
  );
}

const TARGETS: [string, Class][] = [
  ['Envelope', EventEnvelopeSchema],
  ...CONTRACTS.all().map((c): [string, Class] => [c.payload.name, c.payload as Class]),
];

describe('compiled check', () => {
  it.each(TARGETS)('%s: accepts nothing class-validator rejects, over generated and broken values', (name, target) => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(shapedOf(schemas[name], 1 / 30), (value) => {
        const verdict = classValidatorAccepts(target, value);
        if (verdict) accepted++;
        else rejected++;
        // Sound: it never says valid where class-validator finds an error.
        if (passesCompiledCheck(target, value)) expect(verdict).toBe(true);
      }),
      { numRuns: 300, seed: 14 },
    );
    // Both verdicts were put to it, else the property says nothing.
    expect(accepted).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(10);
  });

  it.each(TARGETS)('%s: agrees with class-validator on values shaped by the schema, and builds the same instance', (name, target) => {
    let valid = 0;
    fc.assert(
      fc.property(shapedOf(schemas[name], 0), (value) => {
        const verdict = classValidatorAccepts(target, value);
        expect(passesCompiledCheck(target, value)).toBe(verdict);
        if (verdict) {
          valid++;
          expect(compiledInstance(target, value)).toStrictEqual(plainToInstance(target, value));
        } else expect(compiledInstance(target, value)).toBeUndefined();
      }),
      { numRuns: 200, seed: 14 },
    );
    expect(valid).toBeGreaterThan(20);
  });

  // What the AsyncAPI document calls required is required: a nested object (a need's support, a proposal's
  // explanation) left out or sent as an array is refused, not passed on to a handler that would fail on it.
  const NESTED: [string, string, Class, string][] = TARGETS.flatMap(([name, target]) => {
    const schema = schemas[name];
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    return ((schema.required ?? []) as string[])
      .filter((key) => properties[key]?.$ref !== undefined)
      .map((key): [string, string, Class, string] => [`${name}.${key}`, name, target, key]);
  });

  it('finds the nested objects the contracts require (else the next case checks nothing)', () => {
    expect(NESTED.map(([label]) => label)).toEqual(
      expect.arrayContaining(['NeedSnapshotV1Payload.support', 'CandidateProfileV1Payload.supportNeeds']),
    );
  });

  it.each(NESTED)('%s: refused when missing, null or an array', (_label, name, target, key) => {
    const valid = fc.sample(shapedOf(schemas[name], 0), { numRuns: 50, seed: 5 }).find((v) => classValidatorAccepts(target, v)) as Record<
      string,
      unknown
    >;
    expect(valid).toBeDefined();
    const { [key]: _dropped, ...without } = valid;
    expect(classValidatorAccepts(target, without)).toBe(false);
    expect(classValidatorAccepts(target, { ...valid, [key]: [] })).toBe(false);
    expect(classValidatorAccepts(target, { ...valid, [key]: null })).toBe(false);
  });

  it('leaves the shapes it does not plan for to class-validator, which gives the reasons', () => {
    const need = fc
      .sample(arbitraryOf(schemas.NeedSnapshotV1Payload, 0), { numRuns: 50, seed: 3 })
      .find((v) => classValidatorAccepts(NeedPostedV1.payload as Class, v)) as Record<string, unknown>;
    expect(need).toBeDefined();
    expect(passesCompiledCheck(NeedPostedV1.payload as Class, need)).toBe(true);
    // An array where the decorators describe one object: the plan says nothing; class-validator refuses it (IsObject)
    // and gives the reason.
    expect(passesCompiledCheck(NeedPostedV1.payload as Class, { ...need, support: [] })).toBe(false);
    // A class instance rather than parsed JSON, an unknown key, a missing required one: not for sure valid.
    expect(passesCompiledCheck(NeedPostedV1.payload as Class, Object.assign(new (NeedPostedV1.payload as Class)(), need))).toBe(false);
    expect(passesCompiledCheck(NeedPostedV1.payload as Class, { ...need, extra: 1 })).toBe(false);
    const { roleName: _dropped, ...withoutRoleName } = need;
    expect(passesCompiledCheck(NeedPostedV1.payload as Class, withoutRoleName)).toBe(false);
    // A nested element that fails (level out of range) fails the whole.
    const tasks = need.tasks as Record<string, unknown>[];
    expect(passesCompiledCheck(NeedPostedV1.payload as Class, { ...need, tasks: [{ ...tasks[0], requiredLevel: 4 }] })).toBe(false);
  });
});
