import { createHash } from 'node:crypto';
import { MUNICIPALITIES_DATASET } from './municipalities.data';
import { OCCUPATIONS_DATASET } from './occupations.data';
import { SKOVDE_ROLE_TEMPLATES_DATASET } from './roles.data';
import { SHORTAGE_DATASET } from './shortage.data';
import { TASKS_DATASET } from './tasks.data';
import { TAXONOMY_FINGERPRINT, TAXONOMY_VERSION } from './version';

const DATASETS = {
  municipalities: MUNICIPALITIES_DATASET,
  occupations: OCCUPATIONS_DATASET,
  roles: SKOVDE_ROLE_TEMPLATES_DATASET,
  shortage: SHORTAGE_DATASET,
  tasks: TASKS_DATASET,
};

/** JSON with object keys sorted, so the fingerprint does not depend on the order properties are written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function fingerprint(): string {
  const data = Object.fromEntries(Object.entries(DATASETS).map(([name, { version: _version, ...rest }]) => [name, rest]));
  return createHash('sha256').update(canonical(data)).digest('hex');
}

describe('taxonomy data version', () => {
  it('names the one version in every dataset', () => {
    for (const [dataset, { version }] of Object.entries(DATASETS))
      expect({ dataset, version }).toEqual({ dataset, version: TAXONOMY_VERSION });
  });

  // Failing here means a data file changed: bump TAXONOMY_VERSION in data/version.ts and record this fingerprint.
  it('has a new version for any change of its data', () => {
    expect({ version: TAXONOMY_VERSION, fingerprint: fingerprint() }).toEqual({
      version: TAXONOMY_VERSION,
      fingerprint: TAXONOMY_FINGERPRINT,
    });
  });

  it('fingerprints the data, not the order its properties are written in', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonical({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(canonical({ a: [1, 2] })).not.toBe(canonical({ a: [2, 1] }));
  });
});
