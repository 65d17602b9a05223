import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { ReviewQueuePages } from '../../../domain/review-queue-pages';
import { ReviewQueuePageQuery } from './review-queue.query';

/**
 * The coordinators' review queue: one statement, as the caller (row-level security: coordinators see every
 * proposal), whose items come as the API's JSON from the database (ProposalRepository.pageJson). The queue is the
 * busiest read path; parsing its rows and serialising them again was most of its cost (issue 14). A page read once is
 * answered from memory until anything it is read from changes (ReviewQueuePages).
 */
@QueryHandler(ReviewQueuePageQuery)
export class ReviewQueueHandler implements IQueryHandler<ReviewQueuePageQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly cache: ReviewQueuePages,
  ) {}

  execute({ filter }: ReviewQueuePageQuery): Promise<{ itemsJson: string; total: number }> {
    return this.cache.page(filter, () => this.proposals.pageJson(this.dataSource.manager, { ...filter, status: 'proposed' }));
  }
}
