import type { TaskLevel } from '@jobbspar/contracts';
import type { CandidateReadModel, NeedReadModel, NeedSnapshotFact, ProfileSnapshotFact } from './read-models';

/**
 * The projection rules, pure. Every event carries its aggregate's revision, and a read model keeps one revision
 * per facet: a snapshot's terms or profile apply if newer than the terms or profile held, its status or consent if
 * newer than the status or consent held; a partial update (NeedClosed, ConsentChanged) touches its one facet. So
 * whatever order two events of one aggregate arrive in, the result is the one of their revision order, and a
 * duplicate or a late, older event changes nothing it should not.
 */
export function isNewer(held: number | undefined | null, incoming: number): boolean {
  return held === undefined || held === null || incoming > held;
}

/** The need after a snapshot, or undefined if neither facet is newer (nothing to store). */
export function applyNeedSnapshot(held: NeedReadModel | undefined, incoming: NeedSnapshotFact): NeedReadModel | undefined {
  const terms = !held || isNewer(held.termsRevision, incoming.revision);
  const status = !held || isNewer(held.statusRevision, incoming.revision);
  if (!terms && !status) return undefined;
  const base = terms || !held ? incoming : held;
  return {
    ...base,
    needId: incoming.needId,
    revision: Math.max(held?.revision ?? 0, incoming.revision),
    termsRevision: terms ? incoming.revision : held!.termsRevision,
    status: status ? incoming.status : held!.status,
    statusRevision: status ? incoming.revision : held!.statusRevision,
  };
}

/** A close touches the status only; for a need not seen yet it holds the status until the posting brings terms. */
export function closeNeed(
  held: NeedReadModel | undefined,
  needId: string,
  revision: number,
  status: 'closed' | 'filled',
): NeedReadModel | undefined {
  if (held && !isNewer(held.statusRevision, revision)) return undefined;
  return {
    needId,
    revision: Math.max(held?.revision ?? 0, revision),
    termsRevision: held?.termsRevision ?? null,
    status,
    statusRevision: revision,
    tenant: held?.tenant ?? null,
    positionsLeft: held?.positionsLeft ?? 0,
    workplaceMunicipality: held?.workplaceMunicipality ?? null,
    occupations: held?.occupations ?? [],
    terms: held?.terms ?? null,
  };
}

/** The candidate after a profile snapshot, or undefined if neither her profile nor her consent is newer. */
export function applyProfile(held: CandidateReadModel | undefined, incoming: ProfileSnapshotFact): CandidateReadModel | undefined {
  const profile = !held || isNewer(held.profileRevision, incoming.revision);
  const consent = !held || isNewer(held.consentRevision, incoming.revision);
  if (!profile && !consent) return undefined;
  return {
    candidateId: incoming.candidateId,
    revision: Math.max(held?.revision ?? 0, incoming.revision),
    profile: profile ? incoming.profile : held!.profile,
    profileRevision: profile ? incoming.revision : held!.profileRevision,
    matchingConsent: consent ? incoming.matchingConsent : held!.matchingConsent,
    consentRevision: consent ? incoming.revision : held!.consentRevision,
  };
}

/** A consent change touches her consent only; before her profile it keeps a profile-less row. */
export function applyConsent(
  held: CandidateReadModel | undefined,
  candidateId: string,
  revision: number,
  given: boolean,
): CandidateReadModel | undefined {
  if (held && !isNewer(held.consentRevision, revision)) return undefined;
  return {
    candidateId,
    revision: Math.max(held?.revision ?? 0, revision),
    matchingConsent: given,
    consentRevision: revision,
    profile: held?.profile ?? null,
    profileRevision: held?.profileRevision ?? null,
  };
}

/** Erasure leaves a tombstone at the highest revision of both facets, so no late, older event brings her back. */
export const ERASED_REVISION = 2147483647;

export function erasedCandidate(candidateId: string): CandidateReadModel {
  return {
    candidateId,
    revision: ERASED_REVISION,
    profile: null,
    profileRevision: ERASED_REVISION,
    matchingConsent: false,
    consentRevision: ERASED_REVISION,
  };
}

export const isErased = (held: CandidateReadModel | undefined): boolean => held?.revision === ERASED_REVISION;

export interface HeldValidation {
  validationId: string;
  level: TaskLevel;
  supersedes: string | null;
  revoked: boolean;
}

/**
 * Her effective level on a task, derived from the validations held rather than from the order events came in: the
 * highest level among validations neither revoked nor superseded by another held validation. This is what
 * candidate-service sends as `effectiveLevel`, but computed this way a validation that arrives late, or before
 * the one it supersedes, still lands on the right level.
 */
export function effectiveLevel(validations: readonly HeldValidation[]): TaskLevel | null {
  const superseded = new Set(validations.map((v) => v.supersedes).filter((id): id is string => id !== null));
  let best: TaskLevel | null = null;
  for (const v of validations) {
    if (v.revoked || superseded.has(v.validationId)) continue;
    if (best === null || v.level > best) best = v.level;
  }
  return best;
}
