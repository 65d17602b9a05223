import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { PreparedJson } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { ReviewQueuePages } from '../../../domain/review-queue-pages';
import { ReviewQueuePageQuery } from './review-queue.query';

/**
 * The coordinators' review queue: one statement, as the caller (row-level security: coordinators see every
 * proposal), whose items come as the API's JSON from the database (ProposalRepository.pageJson). The queue is the
 * busiest read path (issue 14): a page read once is kept, as the bytes of its whole response body with their ETag,
 * until anything it is read from changes (ReviewQueuePages), so a kept page is sent without being built, encoded or
 * hashed again.
 */
@QueryHandler(ReviewQueuePageQuery)
export class ReviewQueueHandler implements IQueryHandler<ReviewQueuePageQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly cache: ReviewQueuePages,
  ) {}

  execute({ filter }: ReviewQueuePageQuery): Promise<PreparedJson> {
    return this.cache.page(filter, async () => {
      const { itemsJson, total } = await this.proposals.pageJson(this.dataSource.manager, { ...filter, status: 'proposed' });
      return new PreparedJson(`{"items":${itemsJson},"total":${total},"limit":${filter.limit},"offset":${filter.offset}}`);
    });
  }
}
