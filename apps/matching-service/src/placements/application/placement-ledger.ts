import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PlacementRepository } from '../domain/placement.repository';

type Executor = Pick<EntityManager, 'query'>;

/** What the engine asks of the placements: the slots they hold, and forgetting a candidate on erasure. */
@Injectable()
export class PlacementLedger {
  constructor(private readonly placements: PlacementRepository) {}

  /** Placements under way per candidate: each holds one of her slots until it ends. */
  underWayPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    return this.placements.underWayPerCandidate(em, candidateIds);
  }

  /** The candidates of each need's placements under way: each keeps one of its supervisors' room while it lasts. */
  underWayCandidatesPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.placements.underWayCandidatesPerNeed(em, needIds);
  }

  /** Erasure: her placements stay as statistics under `anonymousId`. */
  async forgetCandidate(em: Executor, candidateId: string, anonymousId: string): Promise<void> {
    for (const placement of await this.placements.findByCandidate(em, candidateId)) {
      placement.forgetCandidate(anonymousId);
      await this.placements.save(em, placement);
    }
  }
}
