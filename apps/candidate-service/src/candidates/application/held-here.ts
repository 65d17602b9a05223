import { JsonLogger } from '@jobbspar/platform';
import type { EntityManager } from 'typeorm';
import { CandidateRepository } from '../domain/candidate.repository';

const log = new JsonLogger('placement-events');

/**
 * Whether an event of matching-service's about her placements applies here: not for a candidate who is not (or no
 * longer) held here, since after erasure nothing about her may come back. A skip is logged, naming the placement.
 */
export async function heldHere(
  candidates: CandidateRepository,
  em: EntityManager,
  candidateId: string,
  event: { what: string; placementId: string },
): Promise<boolean> {
  if (await candidates.find(em, candidateId)) return true;
  log.write('info', `${event.what} for a candidate not held here (erased or unknown): skipped`, { placementId: event.placementId });
  return false;
}
