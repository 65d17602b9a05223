import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProposalReviewedV1, RejectionReason } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { RequestContext } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../matching/application/matching.engine';
import { accept, reject } from '../domain/proposal';
import { ProposalNotFound } from '../domain/proposal.errors';
import { ProposalFilter, ProposalRecord, ProposalRepository } from '../infrastructure/proposal.repository';

/** Review commands and proposal queries. One transaction per command: nothing is stored or published on error. */
@Injectable()
export class ProposalsService {
  private readonly repo = new ProposalRepository();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
  ) {}

  async get(proposalId: string): Promise<ProposalRecord> {
    const p = await this.repo.get(this.dataSource.manager, proposalId);
    if (!p) throw new ProposalNotFound(proposalId);
    return p;
  }

  list(filter: ProposalFilter): Promise<{ items: ProposalRecord[]; total: number }> {
    return this.repo.list(this.dataSource.manager, filter);
  }

  accept(proposalId: string, ctx: RequestContext): Promise<ProposalRecord> {
    return this.review(proposalId, ctx, (p) => accept(p));
  }

  reject(proposalId: string, reasonCode: RejectionReason, comment: string | null, ctx: RequestContext): Promise<ProposalRecord> {
    return this.review(proposalId, ctx, (p) => reject(p, reasonCode, comment));
  }

  private async review(
    proposalId: string,
    ctx: RequestContext,
    transition: (p: ProposalRecord) => Partial<ProposalRecord>,
  ): Promise<ProposalRecord> {
    return this.dataSource.transaction(async (em) => {
      await this.engine.enter(em, ctx);
      const held = await this.repo.get(em, proposalId, true);
      if (!held) throw new ProposalNotFound(proposalId);
      const saved = await this.repo.saveTransition(em, { ...held, ...transition(held) }, ctx.actor);
      await this.outbox.append(
        em,
        ProposalReviewedV1,
        {
          proposalId,
          needId: saved.needId,
          candidateId: saved.candidateId,
          decision: saved.status === 'accepted' ? 'accepted' : 'rejected',
          ...(saved.reasonCode ? { reasonCode: saved.reasonCode } : {}),
        },
        { tenant: saved.tenant, aggregateId: proposalId, aggregateVersion: saved.version, ...ctx },
      );
      await this.engine.pairReviewed(em, saved.candidateId, saved.needId, ctx);
      return saved;
    });
  }
}
