import type { EntityManager } from 'typeorm';

/** A placement of hers as matching-service announced it, for her job track. */
export interface PlacementRecord {
  placementId: string;
  needId: string;
  employerId: string;
  placementType: string;
  startDate: string;
  /** The support measures it started with, for the equal-distribution aggregates. */
  support: { supervisor: boolean; languageSupport: boolean; studyCounselling: boolean };
  endDate: string | null;
  outcome: string | null;
}

/** Her outcome at a checkpoint of a placement, for the equal-distribution aggregates (never published as a row). */
export interface PlacementFollowUpRecord {
  placementId: string;
  checkpointDays: number;
  status: string;
  recordedOn: string;
}

/** Her placements (`candidate.placements`) and their follow-ups (`candidate.placement_follow_ups`), recorded from matching-service's events. */
export abstract class PlacementRepository {
  /** Records a started placement; a repeated start changes nothing. */
  abstract recordStarted(em: EntityManager, candidateId: string, p: Omit<PlacementRecord, 'endDate' | 'outcome'>): Promise<void>;
  /** Records the end of a placement of hers; false if it was not known here. */
  abstract recordEnded(
    em: EntityManager,
    candidateId: string,
    p: { placementId: string; endDate: string; outcome: string },
  ): Promise<boolean>;
  /** Records a follow-up at a checkpoint; a repeat of the same checkpoint changes nothing. */
  abstract recordFollowUp(em: EntityManager, candidateId: string, f: PlacementFollowUpRecord): Promise<void>;
  /** Erasure: deletes her placements and their follow-ups and returns their ids (events about them name her too). */
  abstract forgetCandidate(em: EntityManager, candidateId: string): Promise<string[]>;
}
