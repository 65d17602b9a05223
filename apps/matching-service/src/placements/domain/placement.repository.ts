import type { EntityManager } from 'typeorm';
import type { Placement } from './placement';

type Executor = Pick<EntityManager, 'query'>;

/**
 * Whose placements a caller sees: those of these employers, and those of residents of these municipalities (a
 * coordinator's area). Absent: every placement (a call from inside the service).
 */
export interface PlacementScope {
  employerIds: readonly string[];
  homeMunicipalities: readonly string[];
}

export interface PlacementFilter {
  needId?: string;
  employerId?: string;
  candidateId?: string;
  status?: 'started' | 'ended';
  scope?: PlacementScope;
  limit: number;
  offset: number;
}

/** A checkpoint of a placement that is not recorded yet, and the day it falls (or fell) due. */
export interface DueFollowUp {
  placementId: string;
  needId: string;
  candidateId: string;
  employerId: string;
  /** YYYY-MM-DD */
  startDate: string;
  checkpointDays: 30 | 90 | 180;
  /** YYYY-MM-DD */
  dueOn: string;
}

/** The only writer of matching.placements and matching.follow_ups (a placement's follow-ups are part of it). */
export abstract class PlacementRepository {
  /** With `lock`, the row is held until the transaction ends, so two follow-ups cannot both build on one version. */
  abstract findById(em: Executor, placementId: string, options?: { lock?: boolean }): Promise<Placement | null>;
  abstract findByCandidate(em: Executor, candidateId: string): Promise<Placement[]>;
  /** At most one placement per proposal. */
  abstract insert(em: Executor, placement: Placement): Promise<void>;
  /** Saves what ending, a follow-up and erasure change; recorded follow-ups never change, new ones are added. */
  abstract save(em: Executor, placement: Placement): Promise<void>;
  /** A page of placements, the latest start first (then id), and the total. */
  abstract list(em: Executor, filter: PlacementFilter): Promise<{ items: Placement[]; total: number }>;
  /** Checkpoints not recorded that fall due on or before `until` (YYYY-MM-DD), earliest first: the follow-up worklist. */
  abstract dueFollowUps(em: Executor, by: { scope?: PlacementScope; until: string; limit: number }): Promise<DueFollowUp[]>;
  /** Placements under way per candidate: each holds one of her slots. */
  abstract underWayPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>>;
  /** The candidates of each need's placements under way, by candidate id: they keep a supervisor busy. */
  abstract underWayCandidatesPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>>;
}
