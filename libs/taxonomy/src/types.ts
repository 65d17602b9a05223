/**
 * The taxonomy's public shapes. Everything is readonly: the data is shared by every caller in the process,
 * so a caller that mutated it would change answers for all the others.
 */

/** 1 = performs the task with support, 2 = independently, 3 = can instruct others in it. */
export type TaskLevel = 1 | 2 | 3;

export type TaskWeight = 'must-have' | 'nice-to-have';

export type LanguageDemandKind = 'reads-written-instructions' | 'oral-communication' | 'writes-documentation';

/**
 * Language matters only through tasks (design: "language matters only through tasks"), so a demand is attached
 * to the task that needs it, with a concrete description of what is read, said or written.
 */
export interface LanguageDemand {
  readonly kind: LanguageDemandKind;
  /** Swedish, shown to supervisors and coordinators. */
  readonly description: string;
}

export type OccupationArea =
  'care' | 'health' | 'education' | 'food' | 'cleaning-facilities' | 'logistics-transport' | 'retail' | 'construction' | 'administration';

export interface Occupation {
  /** SSYK 2012 unit group, four digits. */
  readonly ssyk: string;
  readonly nameSv: string;
  readonly nameEn: string;
  readonly area: OccupationArea;
  /** The tasks a standard role taken from this occupation must have; the occupation's other tasks are nice-to-have. */
  readonly coreTaskIds: readonly string[];
}

export interface Task {
  /** Stable slug (`area.verb-object`); published in events, so never renamed: a change is a new task. */
  readonly id: string;
  readonly nameSv: string;
  readonly nameEn: string;
  /** SSYK codes of the occupations the task belongs to; the first is the one it is most typical of. */
  readonly occupations: readonly string[];
  /** What each level means for this task, concretely, in Swedish (the assessing supervisors' language). */
  readonly levels: Readonly<Record<TaskLevel, string>>;
  readonly languageDemand?: LanguageDemand;
}

export interface County {
  /** Two-digit län code, e.g. `12`. */
  readonly code: string;
  /** e.g. `Skåne län`. */
  readonly name: string;
}

export interface Municipality {
  /** Four-digit kommunkod; its first two digits are the county code. */
  readonly code: string;
  readonly name: string;
  readonly countyCode: string;
  /** The municipal seat (centralort), whose position stands for the municipality in the commute model. */
  readonly seat: string;
  readonly lat: number;
  readonly lon: number;
}

export interface RoleTask {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  readonly weight: TaskWeight;
}

export interface RoleTemplate {
  readonly key: string;
  readonly nameSv: string;
  readonly nameEn: string;
  readonly description: string;
  readonly tasks: readonly RoleTask[];
}

export interface Commute {
  readonly distanceKm: number;
  readonly minutes: number;
}

/** An administrator's decision for one county and occupation, stored by a service and applied over the defaults. */
export interface ShortageOverride {
  readonly countyCode: string;
  readonly ssyk: string;
  readonly shortage: boolean;
}

/** Effective shortage flags: for each county code, the SSYK codes in shortage there. */
export interface ShortageFlags {
  readonly version: string;
  readonly byCounty: ReadonlyMap<string, ReadonlySet<string>>;
}
