import { Inbox, Outbox } from '@jobbspar/messaging';
import { IdempotencyRecords } from '@jobbspar/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PlacementLedger } from '../../placements/application/placement-ledger';
import { ProposalLedger } from '../../proposals/application/proposal-ledger';

/**
 * What erasure removes from matching's own records, once her proposals are withdrawn and her read-model rows and
 * edges are gone: proposals and placements survive as statistics under one random id that links to nobody, the
 * reviewers' free text about her goes, and so does what this service already published about her (scores,
 * explanations) from its outbox. Events still to be published (the withdrawals just appended) stay until they are
 * sent, and then go too. Her inbox rows go (this event's included): what keeps a redelivered registration of hers
 * from bringing her back is the read models' tombstone, keyed by her tag, not her id (PostgresReadModelRepository).
 * Recorded responses naming her (an accepted proposal's answer) answer 404 from now on.
 */
@Injectable()
export class CandidateErasure {
  constructor(
    private readonly proposals: ProposalLedger,
    private readonly placements: PlacementLedger,
    private readonly outbox: Outbox,
    private readonly inbox: Inbox,
    private readonly idempotency: IdempotencyRecords,
  ) {}

  async forget(em: EntityManager, candidateId: string): Promise<void> {
    const anonymous = randomUUID();
    await this.proposals.forgetCandidate(em, candidateId, anonymous);
    await this.placements.forgetCandidate(em, candidateId, anonymous);
    await this.outbox.forgetPublished(em, 'candidateId', candidateId);
    await this.outbox.forgetOncePublished(em, { aggregateIds: [candidateId], payloadField: 'candidateId', value: candidateId });
    await this.inbox.forget(em, [candidateId]);
    await this.idempotency.forgetResultsNaming(em, candidateId);
  }
}
