import {
  ExplanationV1,
  ProposalConfirmedV1,
  ProposalCreatedV1,
  ProposalDeclinedV1,
  ProposalRescoredV1,
  ProposalReviewedV1,
  ProposalWithdrawnV1,
} from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import type { EntityManager } from 'typeorm';
import type { Cause } from '../../common/cause';
import type { Proposal } from '../domain/proposal';

/**
 * Writes what the proposal recorded to the outbox, in the caller's transaction, each event at the version its
 * transition reached. The reviewer's comment is never published.
 */
export async function publishProposalEvents(outbox: Outbox, em: EntityManager, proposal: Proposal, cause: Cause): Promise<void> {
  for (const event of proposal.pullEvents()) {
    const p = proposal.toProps();
    const envelope = { tenant: p.tenant, aggregateId: p.proposalId, aggregateVersion: event.version, ...cause };
    if (event.type === 'created') {
      await outbox.append(
        em,
        ProposalCreatedV1,
        {
          proposalId: p.proposalId,
          needId: p.needId,
          candidateId: p.candidateId,
          ...(p.pairId ? { pairId: p.pairId } : {}),
          score: p.score,
          weightsVersion: p.weightsVersion,
          explanation: p.explanation as ExplanationV1,
        },
        envelope,
      );
    } else if (event.type === 'rescored') {
      await outbox.append(
        em,
        ProposalRescoredV1,
        {
          proposalId: p.proposalId,
          needId: p.needId,
          candidateId: p.candidateId,
          status: event.status,
          score: p.score,
          previousScore: event.previousScore,
          weightsVersion: p.weightsVersion,
          explanation: p.explanation as ExplanationV1,
        },
        envelope,
      );
    } else if (event.type === 'reviewed') {
      await outbox.append(
        em,
        ProposalReviewedV1,
        {
          proposalId: p.proposalId,
          needId: p.needId,
          candidateId: p.candidateId,
          decision: p.status === 'accepted' ? 'accepted' : 'rejected',
          ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}),
        },
        envelope,
      );
    } else if (event.type === 'confirmed') {
      await outbox.append(
        em,
        ProposalConfirmedV1,
        {
          proposalId: p.proposalId,
          needId: p.needId,
          candidateId: p.candidateId,
          placementId: event.placementId,
          startDate: event.startDate,
        },
        envelope,
      );
    } else if (event.type === 'declined') {
      await outbox.append(
        em,
        ProposalDeclinedV1,
        { proposalId: p.proposalId, needId: p.needId, candidateId: p.candidateId, reasonCode: event.reason },
        envelope,
      );
    } else {
      await outbox.append(
        em,
        ProposalWithdrawnV1,
        { proposalId: p.proposalId, needId: p.needId, candidateId: p.candidateId, reason: event.reason },
        envelope,
      );
    }
  }
}
