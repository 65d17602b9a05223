import { MUNICIPALITIES_DATASET } from './data/municipalities.data';
import { OCCUPATIONS_DATASET } from './data/occupations.data';
import { SKOVDE_ROLE_TEMPLATES_DATASET, type SkovdeRoleTemplate } from './data/roles.data';
import { SHORTAGE_DATASET } from './data/shortage.data';
import { TASKS_DATASET } from './data/tasks.data';
import { TAXONOMY_VERSION } from './data/version';
import type { County, Municipality, Occupation, RoleTask, Task } from './types';

export { TAXONOMY_VERSION };

export type TaxonomyCodeKind = 'occupation' | 'task' | 'municipality' | 'county';

/** Thrown where an answer cannot be given for an unknown code; plain lookups return `undefined` instead. */
export class UnknownTaxonomyCodeError extends Error {
  constructor(
    readonly kind: TaxonomyCodeKind,
    readonly code: string,
  ) {
    super(`Unknown ${kind} code '${code}' in taxonomy ${TAXONOMY_VERSION}`);
    this.name = 'UnknownTaxonomyCodeError';
  }
}

// The data is shared by every caller in the process: freeze it so that no caller can change another's answers.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

// Indexes are built once at import; every lookup after that is a Map read.

const occupations: readonly Occupation[] = deepFreeze([...OCCUPATIONS_DATASET.occupations]);
const occupationBySsyk = new Map(occupations.map((o) => [o.ssyk, o]));

const tasks: readonly Task[] = deepFreeze([...TASKS_DATASET.tasks]);
const taskById = new Map(tasks.map((t) => [t.id, t]));
const tasksBySsyk = new Map<string, Task[]>();
for (const t of tasks) {
  for (const ssyk of t.occupations) {
    let list = tasksBySsyk.get(ssyk);
    if (!list) tasksBySsyk.set(ssyk, (list = []));
    list.push(t);
  }
}
for (const list of tasksBySsyk.values()) Object.freeze(list);

const counties: readonly County[] = deepFreeze(MUNICIPALITIES_DATASET.counties.map(({ code, name }) => ({ code, name })));
const countyByCode = new Map(counties.map((c) => [c.code, c]));

const municipalities: readonly Municipality[] = deepFreeze(
  MUNICIPALITIES_DATASET.counties
    .flatMap((county) =>
      county.municipalities.map(([code, name, seat, lat, lon]): Municipality => ({ code, name, countyCode: county.code, seat, lat, lon })),
    )
    .sort((a, b) => a.code.localeCompare(b.code)),
);
const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
const municipalitiesByCounty = new Map<string, readonly Municipality[]>(
  counties.map((c) => [c.code, Object.freeze(municipalities.filter((m) => m.countyCode === c.code))]),
);

const NONE: readonly never[] = Object.freeze([]);

export function getOccupation(ssyk: string): Occupation | undefined {
  return occupationBySsyk.get(ssyk);
}

export function listOccupations(): readonly Occupation[] {
  return occupations;
}

export function isKnownOccupation(ssyk: string): boolean {
  return occupationBySsyk.has(ssyk);
}

export function getTask(id: string): Task | undefined {
  return taskById.get(id);
}

export function isKnownTask(id: string): boolean {
  return taskById.has(id);
}

/** All tasks, or those belonging to one occupation. */
export function listTasks(filter?: { readonly ssyk?: string }): readonly Task[] {
  return filter?.ssyk === undefined ? tasks : tasksOfOccupation(filter.ssyk);
}

export function tasksOfOccupation(ssyk: string): readonly Task[] {
  return tasksBySsyk.get(ssyk) ?? NONE;
}

export function getMunicipality(code: string): Municipality | undefined {
  return municipalityByCode.get(code);
}

export function isKnownMunicipality(code: string): boolean {
  return municipalityByCode.has(code);
}

/** All municipalities ordered by code, or those of one county (none for an unknown county). */
export function listMunicipalities(countyCode?: string): readonly Municipality[] {
  return countyCode === undefined ? municipalities : (municipalitiesByCounty.get(countyCode) ?? NONE);
}

export function getCounty(code: string): County | undefined {
  return countyByCode.get(code);
}

export function listCounties(): readonly County[] {
  return counties;
}

// A standard role asks for independence (level 2) in the occupation's core tasks and accepts level 1 in the rest.
const standardRoles = new Map<string, readonly RoleTask[]>(
  occupations.map((o) => {
    const core = new Set(o.coreTaskIds);
    const mustHaves = o.coreTaskIds.map((taskId): RoleTask => ({ taskId, requiredLevel: 2, weight: 'must-have' }));
    const niceToHaves = tasksOfOccupation(o.ssyk)
      .filter((t) => !core.has(t.id))
      .map((t): RoleTask => ({ taskId: t.id, requiredLevel: 1, weight: 'nice-to-have' }));
    return [o.ssyk, deepFreeze([...mustHaves, ...niceToHaves])];
  }),
);

/**
 * The default composition of the standard role for an occupation: its core tasks as must-haves at level 2, its
 * other tasks as nice-to-haves at level 1. Throws for an unknown occupation, since a role needs at least one task.
 */
export function standardRoleTasks(ssyk: string): readonly RoleTask[] {
  const role = standardRoles.get(ssyk);
  if (!role) throw new UnknownTaxonomyCodeError('occupation', ssyk);
  return role;
}

export type { SkovdeRoleTemplate };

/** Ready compositions of Skövde's new roles, for demo data and as a starting point for municipal HR. */
export const SKOVDE_ROLE_TEMPLATES: Readonly<Record<'serviceassistent' | 'enhetsassistent', SkovdeRoleTemplate>> = deepFreeze({
  ...SKOVDE_ROLE_TEMPLATES_DATASET.templates,
});

/** Every dataset's version, for the spec that checks they agree with TAXONOMY_VERSION. */
export const DATASET_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  occupations: OCCUPATIONS_DATASET.version,
  tasks: TASKS_DATASET.version,
  municipalities: MUNICIPALITIES_DATASET.version,
  roles: SKOVDE_ROLE_TEMPLATES_DATASET.version,
  shortage: SHORTAGE_DATASET.version,
});
