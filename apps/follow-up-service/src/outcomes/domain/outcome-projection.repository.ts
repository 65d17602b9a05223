import type { EntityManager } from 'typeorm';
import type { PersonFacts, PlacementFacts, PlacementType } from './outcome-report';
import type { Jobseeker, OpenNeed } from '../../where-to-train/domain/where-to-train';

export interface PersonProfile {
  candidateId: string;
  region: string;
  municipality: string;
  revision: number;
  occurredOn: string;
  maxCommuteMinutes: number;
  availableFrom: string;
  matchingConsent: boolean;
}

/** A placement as the projection keeps it: with its region and the support measures it started with. */
export interface ProjectedPlacement {
  placementId: string;
  candidateId: string;
  region: string;
  type: PlacementType;
  startDate: string;
  support: Record<string, boolean>;
}

/**
 * The outcome projection: who reached which stage when, placements and their checkpoints, open needs and task
 * levels (for where to train). Only what the events carry; every write is idempotent or revision-guarded, so a
 * redelivered or replayed event changes nothing, and "first" dates take the earliest seen.
 */
export abstract class OutcomeProjectionRepository {
  abstract isErased(em: EntityManager, candidateId: string): Promise<boolean>;

  /** Registration or a newer profile; the registration day is the day the first of them was recorded. */
  abstract upsertPerson(em: EntityManager, p: PersonProfile): Promise<void>;

  abstract setMatchingConsent(em: EntityManager, candidateId: string, revision: number, given: boolean): Promise<void>;

  /** The earliest day seen of a stage; kept apart from her row, which may not be there yet on a replay. */
  abstract firstDate(em: EntityManager, candidateId: string, stage: 'task' | 'proposed' | 'accepted', day: string): Promise<void>;

  abstract setTaskLevel(em: EntityManager, candidateId: string, taskId: string, level: number | null): Promise<void>;

  abstract addPlacement(em: EntityManager, p: ProjectedPlacement): Promise<void>;

  abstract addCheckpoint(
    em: EntityManager,
    c: { placementId: string; candidateId: string; days: number; status: string; recordedOn: string },
  ): Promise<void>;

  abstract upsertNeed(
    em: EntityManager,
    n: { needId: string; region: string; municipality: string; revision: number; status: string; positionsLeft: number; tasks: unknown },
  ): Promise<void>;

  abstract closeNeed(em: EntityManager, needId: string, revision: number, status: string): Promise<void>;

  /**
   * Erasure: every row about her goes and a tombstone keyed by her tag stays; published months (aggregates) stay as
   * they were published. Returns the ids of the placements she had (their events' inbox rows go too).
   */
  abstract erase(em: EntityManager, candidateId: string): Promise<string[]>;

  /** People of the region with their first dates (the first placement from her placements). */
  abstract people(em: Pick<EntityManager, 'query'>, region: string): Promise<PersonFacts[]>;

  /** Placements of the region's people (by her present home municipality), with whether each was her first. */
  abstract placements(em: Pick<EntityManager, 'query'>, region: string): Promise<PlacementFacts[]>;

  /** The earliest month any fact of the region is dated in (where the list of months begins). */
  abstract firstMonth(em: Pick<EntityManager, 'query'>, region: string): Promise<string | null>;

  /** Open needs of the region with positions left, for where to train. */
  abstract openNeeds(em: Pick<EntityManager, 'query'>, region: string): Promise<OpenNeed[]>;

  /** The region's candidates with matching consent and their task levels (no one else is a job-seeker here). */
  abstract jobseekers(em: Pick<EntityManager, 'query'>, region: string): Promise<Jobseeker[]>;
}
