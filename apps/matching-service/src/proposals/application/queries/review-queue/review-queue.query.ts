import { Query } from '@nestjs/cqrs';
import type { ProposalFilter } from '../../../domain/proposal.repository';

/** A page of the review queue (open proposals, best score first) as the API answers it: its items' JSON text and the total. */
export class ReviewQueuePageQuery extends Query<{ itemsJson: string; total: number }> {
  constructor(readonly filter: Omit<ProposalFilter, 'status' | 'needId' | 'candidateId' | 'needIds' | 'employerSide'>) {
    super();
  }
}
