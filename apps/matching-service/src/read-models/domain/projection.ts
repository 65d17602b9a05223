import type { CandidateProfileV1Payload, NeedSnapshotV1Payload, TaskLevel } from '@jobbspar/contracts';

/**
 * The projection rules, pure. Every snapshot carries a revision; a snapshot is applied only if it is newer than what
 * is held, so a duplicate or a late, older event changes nothing. A row may exist before its "created" event (a
 * tombstone from NeedClosed, a consent change before registration): the revision still orders them.
 */
export function isNewer(held: number | undefined | null, incoming: number): boolean {
  return held === undefined || held === null || incoming > held;
}

export interface NeedRow {
  needId: string;
  revision: number;
  status: string;
  snapshot: NeedSnapshotV1Payload | null;
  tenant: string | null;
  positionsLeft: number;
  workplaceMunicipality: string | null;
  occupations: string[];
}

export function needRowFromSnapshot(s: NeedSnapshotV1Payload): NeedRow {
  return {
    needId: s.needId,
    revision: s.revision,
    status: s.status,
    snapshot: s,
    tenant: `se-${s.countyCode}`,
    positionsLeft: Math.max(0, s.positions - s.positionsFilled),
    workplaceMunicipality: s.workplaceMunicipality,
    occupations: [...s.occupations],
  };
}

/** A close for a need not seen yet is kept as a tombstone, so that the older NeedPosted arriving later is ignored. */
export function closeNeed(held: NeedRow | undefined, needId: string, revision: number, status: 'closed' | 'filled'): NeedRow | undefined {
  if (held && !isNewer(held.revision, revision)) return undefined;
  const snapshot = held?.snapshot ? { ...held.snapshot, status, revision } : null;
  return {
    needId,
    revision,
    status,
    snapshot,
    tenant: held?.tenant ?? null,
    positionsLeft: held?.positionsLeft ?? 0,
    workplaceMunicipality: held?.workplaceMunicipality ?? null,
    occupations: held?.occupations ?? [],
  };
}

export interface CandidateRow {
  candidateId: string;
  revision: number;
  profile: CandidateProfileV1Payload | null;
  matchingConsent: boolean;
}

export function candidateRowFromProfile(held: CandidateRow | undefined, p: CandidateProfileV1Payload): CandidateRow | undefined {
  if (held && !isNewer(held.revision, p.revision)) return undefined;
  return { candidateId: p.candidateId, revision: p.revision, profile: p, matchingConsent: p.matchingConsent };
}

/** Consent shares the candidate's revision sequence; a consent change before her profile keeps a profile-less row. */
export function applyConsent(
  held: CandidateRow | undefined,
  candidateId: string,
  revision: number,
  given: boolean,
): CandidateRow | undefined {
  if (held && !isNewer(held.revision, revision)) return undefined;
  return {
    candidateId,
    revision,
    profile: held?.profile ? { ...held.profile, revision, matchingConsent: given } : null,
    matchingConsent: given,
  };
}

export interface ValidationRow {
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
export function effectiveLevel(validations: readonly ValidationRow[]): TaskLevel | null {
  const superseded = new Set(validations.map((v) => v.supersedes).filter((id): id is string => id !== null));
  let best: TaskLevel | null = null;
  for (const v of validations) {
    if (v.revoked || superseded.has(v.validationId)) continue;
    if (best === null || v.level > best) best = v.level;
  }
  return best;
}
