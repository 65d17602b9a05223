import { Query } from '@nestjs/cqrs';
import type { PreparedJson } from '@jobbspar/platform';
import type { ProposalFilter } from '../../../domain/proposal.repository';

/** What a page of the review queue is asked by: open proposals only, best score first. */
export type ReviewQueueFilter = Omit<ProposalFilter, 'status' | 'needId' | 'candidateId' | 'needIds' | 'employerSide'>;

/**
 * A page of the review queue as the API answers it: its whole body (ProposalPageResponse) as JSON bytes with their
 * ETag, prepared once and sent as is for as long as the page is kept (ReviewQueuePages).
 */
export class ReviewQueuePageQuery extends Query<PreparedJson> {
  constructor(readonly filter: ReviewQueueFilter) {
    super();
  }
}
