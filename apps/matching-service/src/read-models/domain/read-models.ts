import type { NeedStatus, PlacementType, TaskLevel, TaskWeight } from '@jobbspar/contracts';

/**
 * matching's own read models. They hold what matching uses, in matching's words; whichever contract version
 * brought the facts is mapped into these shapes at the edge (infrastructure/contract-translation.ts) and nowhere
 * else, so a new contract version changes one mapping.
 */

export interface NeedTask {
  readonly taskId: string;
  readonly requiredLevel: TaskLevel;
  readonly weight: TaskWeight;
}

/**
 * An employer as matching holds it (from EmployerRegistered): whose organisation a need is, for the employer's
 * side of the API, and its name for the people who decide. Registered once; its facts do not change.
 */
export interface EmployerReadModel {
  readonly employerId: string;
  /** The organisation's number: an employer user's organisation is `employer:<this>`. */
  readonly organisationNumber: string;
  readonly name: string;
  readonly municipalityCode: string;
  /** A municipality as employer: its HR answers for its needs. */
  readonly isMunicipality: boolean;
}

/** What a need asks and offers: matching's copy of the employer's terms. */
export interface NeedTerms {
  readonly employerId: string;
  /** The name of the role version the need was posted with, for the people who read its proposals. */
  readonly roleName: string;
  /**
   * The role version the need was posted with (the name and tasks are that version's). Absent in needs projected
   * before matching kept it, until their next snapshot (or a replay) brings it.
   */
  readonly roleVersion?: number;
  readonly placementType: PlacementType;
  /** YYYY-MM-DD */
  readonly startDate: string;
  readonly tasks: readonly NeedTask[];
  /** Whether the role's occupation was a shortage occupation in the need's region when the need last changed. */
  readonly shortage: boolean;
  readonly support: { readonly supervisorCapacity: number; readonly pairInternshipAllowed: boolean; readonly languageSupport: boolean };
}

/**
 * A need as matching holds it, in two facets with a revision each: its terms (from NeedPosted / NeedUpdated
 * snapshots) and its status (from a snapshot or a NeedClosed). A need closed before its posting arrived holds a
 * status and no terms; the late, older posting still brings its terms, but not its status.
 */
export interface NeedReadModel {
  readonly needId: string;
  /** The newest revision applied to either facet. */
  readonly revision: number;
  /** Revision of the snapshot the terms came from; null while no snapshot has arrived. */
  readonly termsRevision: number | null;
  /** Revision of the event the status came from. */
  readonly statusRevision: number;
  readonly status: NeedStatus;
  /** se-<county>; null for a tombstone. */
  readonly tenant: string | null;
  readonly positionsLeft: number;
  readonly workplaceMunicipality: string | null;
  /** SSYK codes of the need's role. */
  readonly occupations: readonly string[];
  readonly terms: NeedTerms | null;
}

/** A need whose terms are known: what scoring, capacities and placements work with. */
export type KnownNeed = NeedReadModel & { readonly tenant: string; readonly workplaceMunicipality: string; readonly terms: NeedTerms };

/** What matching may know of a candidate: never a name, contact data or follow-up attribute. */
export interface CandidateProfile {
  readonly homeMunicipality: string;
  /** YYYY-MM-DD */
  readonly availableFrom: string;
  readonly maxCommuteMinutes: number;
  /** SSYK codes she is interested in. */
  readonly interests: readonly string[];
  readonly supportNeeds: { readonly closeSupervision: boolean; readonly languageSupport: boolean };
  /** YYYY-MM-DD: registration, or the end of her last placement. */
  readonly waitingSince: string;
}

/**
 * A candidate as matching holds it, in two facets with a revision each: her profile (from profile snapshots) and
 * her matching consent (from a snapshot or a ConsentChanged). A consent change may come before her profile and
 * never hides it; erasure leaves a tombstone at the highest revision of both.
 */
export interface CandidateReadModel {
  readonly candidateId: string;
  /** The newest revision applied to either facet. */
  readonly revision: number;
  /** Revision of the snapshot the profile came from; null while no profile has arrived. */
  readonly profileRevision: number | null;
  /** Revision of the event the consent came from. */
  readonly consentRevision: number;
  readonly matchingConsent: boolean;
  readonly profile: CandidateProfile | null;
}

/** A candidate with a profile, and her effective level per task id. */
export interface KnownCandidate {
  readonly candidateId: string;
  readonly matchingConsent: boolean;
  readonly profile: CandidateProfile;
  readonly levels: Readonly<Record<string, TaskLevel>>;
}

export interface ValidationReadModel {
  readonly validationId: string;
  readonly candidateId: string;
  readonly taskId: string;
  readonly level: TaskLevel;
  readonly supersedes: string | null;
  readonly revoked: boolean;
}

/** A need snapshot as an event brings it: one revision for both facets. */
export type NeedSnapshotFact = Omit<NeedReadModel, 'termsRevision' | 'statusRevision'> & { readonly terms: NeedTerms };
/** A profile snapshot as an event brings it: one revision for her profile and her consent. */
export type ProfileSnapshotFact = Omit<CandidateReadModel, 'profileRevision' | 'consentRevision'> & { readonly profile: CandidateProfile };

/** What one event tells the read models, whatever contract version carried it. */
export type ReadModelFact =
  | { readonly kind: 'employer-registered'; readonly employer: EmployerReadModel }
  | { readonly kind: 'need-snapshot'; readonly need: NeedSnapshotFact }
  | { readonly kind: 'need-closed'; readonly needId: string; readonly revision: number; readonly status: 'closed' | 'filled' }
  | { readonly kind: 'candidate-profile'; readonly candidate: ProfileSnapshotFact }
  | { readonly kind: 'consent-changed'; readonly candidateId: string; readonly revision: number; readonly given: boolean }
  | { readonly kind: 'task-validated'; readonly validation: Omit<ValidationReadModel, 'revoked'> }
  | { readonly kind: 'validation-revoked'; readonly validationId: string; readonly candidateId: string; readonly taskId: string }
  | { readonly kind: 'candidate-erased'; readonly candidateId: string };

/** What a projected event changed, for the matching engine to react to. */
export type ReadModelChange =
  | { kind: 'need'; needId: string }
  | { kind: 'candidate'; candidateId: string; consentWithdrawn: boolean }
  | { kind: 'erased'; candidateId: string }
  | { kind: 'none' };
