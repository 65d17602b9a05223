import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { proposalProps } from '../../../test/fakes';
import { matchingDatabase } from '../../../test/matching-database';
import { Proposal } from '../../proposals/domain/proposal';
import type { ReviewQueuePages } from '../../proposals/domain/review-queue-pages';
import { PostgresProposalRepository } from '../../proposals/infrastructure/postgres-proposal.repository';
import { ProposalChangeListener } from './proposal-change.listener';

describe(ProposalChangeListener.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  it("drops the review queue's kept pages before it announces a change (a page refetched on the event is never the old one)", async () => {
    const order: string[] = [];
    const pages: ReviewQueuePages = { page: (_f, load) => load(), invalidate: () => void order.push('pages dropped') };
    const listener = new ProposalChangeListener(db.url, pages);
    await listener.onModuleInit();
    try {
      // Subscribed synchronously: the order is the order of the listener's own calls.
      const seen = listener.changes.subscribe(() => order.push('announced'));
      const announced = firstValueFrom(listener.changes);
      const proposal = Proposal.restore(proposalProps({ proposalId: randomUUID(), needId: randomUUID(), candidateId: randomUUID() }));
      await db.transaction((em) => new PostgresProposalRepository().insert(em, [proposal]));

      const change = await announced;
      seen.unsubscribe();
      expect(change.proposalId).toBe(proposal.id);
      expect(order).toEqual(['pages dropped', 'announced']);
    } finally {
      await listener.onModuleDestroy();
    }
  });
});
