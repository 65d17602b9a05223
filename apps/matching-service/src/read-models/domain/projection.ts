import type { TaskLevel } from '@jobbspar/contracts';
import type { CandidateProfile, CandidateReadModel, NeedReadModel, NeedTerms } from './read-models';

/**
 * The projection rules, pure. Every snapshot carries a revision; a snapshot is applied only if it is newer than what
 * is held, so a duplicate or a late, older event changes nothing. A row may exist before its "created" event (a
 * tombstone from NeedClosed, a consent change before registration): the revision still orders them.
 */
export function isNewer(held: number | undefined | null, incoming: number): boolean {
  return held === undefined || held === null || incoming > held;
}

/** The incoming snapshot if it is newer than the need held, else undefined (nothing to store). */
export function applyNeedSnapshot(
  held: NeedReadModel | undefined,
  incoming: NeedReadModel & { terms: NeedTerms },
): NeedReadModel | undefined {
  return held && !isNewer(held.revision, incoming.revision) ? undefined : incoming;
}

/** A close for a need not seen yet is kept as a tombstone, so that the older NeedPosted arriving later is ignored. */
export function closeNeed(
  held: NeedReadModel | undefined,
  needId: string,
  revision: number,
  status: 'closed' | 'filled',
): NeedReadModel | undefined {
  if (held && !isNewer(held.revision, revision)) return undefined;
  return {
    needId,
    revision,
    status,
    tenant: held?.tenant ?? null,
    positionsLeft: held?.positionsLeft ?? 0,
    workplaceMunicipality: held?.workplaceMunicipality ?? null,
    occupations: held?.occupations ?? [],
    terms: held?.terms ?? null,
  };
}

export function applyProfile(
  held: CandidateReadModel | undefined,
  incoming: CandidateReadModel & { profile: CandidateProfile },
): CandidateReadModel | undefined {
  return held && !isNewer(held.revision, incoming.revision) ? undefined : incoming;
}

/** Consent shares the candidate's revision sequence; a consent change before her profile keeps a profile-less row. */
export function applyConsent(
  held: CandidateReadModel | undefined,
  candidateId: string,
  revision: number,
  given: boolean,
): CandidateReadModel | undefined {
  if (held && !isNewer(held.revision, revision)) return undefined;
  return { candidateId, revision, matchingConsent: given, profile: held?.profile ?? null };
}

/** Erasure leaves a tombstone at the highest revision, so no late, older profile event brings her back. */
export const ERASED_REVISION = 2147483647;

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
