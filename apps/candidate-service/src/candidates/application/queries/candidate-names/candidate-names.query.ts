import { Query } from '@nestjs/cqrs';

export interface CandidateName {
  candidateId: string;
  name: string;
}

/**
 * The display names of the candidates asked for that the caller may read: one call for a page of pseudonymous ids
 * (the review queue, the placements), so names never leave candidate-service for matching or an event.
 */
export class CandidateNamesQuery extends Query<{ items: CandidateName[] }> {
  constructor(
    readonly candidateIds: readonly string[],
    /** Only candidates living in these municipalities (the caller's area); undefined when no caller is verified. */
    readonly area: readonly string[] | undefined,
  ) {
    super();
  }
}
