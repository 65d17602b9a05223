/**
 * What scoring and filtering may see. These shapes are deliberately narrow: follow-up attributes (gender, country of
 * birth, born abroad, year of arrival, reason for immigration, age, name) have no field here, so no scoring code can
 * read them without a visible change to this file. `types.spec.ts` fails to compile if someone adds one.
 */

/** 1: performs the task with support, 2: independently, 3: can instruct others. */
export type TaskLevel = 1 | 2 | 3;

export type TaskWeight = 'must-have' | 'nice-to-have';

export interface TaskRequirement {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  readonly weight: TaskWeight;
}

export type NeedStatus = 'draft' | 'open' | 'filled' | 'closed';

export interface NeedSupport {
  /** How many trainees the workplace's supervisors can take on; > 0 means close supervision is offered. */
  readonly supervisorCapacity: number;
  readonly languageSupport: boolean;
  readonly pairInternshipAllowed: boolean;
}

export interface NeedForMatching {
  readonly needId: string;
  readonly status: NeedStatus;
  readonly positionsLeft: number;
  /** YYYY-MM-DD */
  readonly startDate: string;
  readonly workplaceMunicipality: string;
  /** SSYK 2012 codes of the role. */
  readonly occupations: readonly string[];
  readonly tasks: readonly TaskRequirement[];
  /** Whether the role's occupation is a shortage occupation in the need's region. */
  readonly shortage: boolean;
  readonly support: NeedSupport;
  /** Selects the region's scoring weights; absent means the default weights. */
  readonly region?: string;
}

export interface CandidateSupportNeeds {
  readonly closeSupervision: boolean;
  readonly languageSupport: boolean;
}

export interface CandidateForMatching {
  /** Pseudonymous id. */
  readonly candidateId: string;
  readonly homeMunicipality: string;
  /** YYYY-MM-DD */
  readonly availableFrom: string;
  readonly maxCommuteMinutes: number;
  /** SSYK 2012 codes the candidate is interested in. */
  readonly interests: readonly string[];
  readonly supportNeeds: CandidateSupportNeeds;
  readonly consentActive: boolean;
  /** YYYY-MM-DD: registration, or the end of the last placement. */
  readonly waitingSince: string;
  /** Current certified level per task id (revoked or superseded validations already resolved by the caller). */
  readonly validations: Readonly<Record<string, TaskLevel>>;
}

/**
 * Attributes kept for aggregate follow-up only. Listed here so that tests can prove scoring never depends on them;
 * nothing in this library accepts them.
 */
export const PROTECTED_ATTRIBUTES = [
  'gender',
  'countryOfBirth',
  'bornAbroad',
  'yearOfArrival',
  'reasonForImmigration',
  'birthYear',
  'age',
  'name',
] as const;

export type ProtectedAttribute = (typeof PROTECTED_ATTRIBUTES)[number];
