import {
  type Contract,
  ExplanationV1,
  ProposalConfirmedV1,
  ProposalCreatedV1,
  ProposalDeclinedV1,
  ProposalRescoredV1,
  ProposalReviewedV1,
  ProposalWithdrawnV1,
} from '@jobbspar/contracts';
import { Outbox, type OutboxEntry } from '@jobbspar/messaging';
import type { EntityManager } from 'typeorm';
import type { Cause } from '../../common/cause';
import type { Proposal } from '../domain/proposal';

/**
 * Writes what the proposal recorded to the outbox, in the caller's transaction, each event at the version its
 * transition reached. The reviewer's comment is never published.
 */
export async function publishProposalEvents(outbox: Outbox, em: EntityManager, proposal: Proposal, cause: Cause): Promise<void> {
  await outbox.appendMany(em, proposalEventEntries(proposal, cause));
}

/** What several proposals recorded, each on behalf of its own cause, in one outbox statement (in the order given). */
export async function publishEventsOf(
  outbox: Outbox,
  em: EntityManager,
  items: readonly { proposal: Proposal; cause: Cause }[],
): Promise<void> {
  await outbox.appendMany(em, proposalEventsOf(items));
}

/** The outbox entries of what several proposals recorded (taken from them now), in the order given. */
export function proposalEventsOf(items: readonly { proposal: Proposal; cause: Cause }[]): OutboxEntry[] {
  return items.flatMap(({ proposal, cause }) => proposalEventEntries(proposal, cause));
}

function proposalEventEntries(proposal: Proposal, cause: Cause): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  const append = <P extends object>(contract: Contract<P>, payload: P, ctx: OutboxEntry['ctx']): void => {
    out.push({ contract: contract as unknown as Contract, payload, ctx });
  };
  for (const event of proposal.pullEvents()) {
    const p = proposal.toProps();
    const envelope = { tenant: p.tenant, aggregateId: p.proposalId, aggregateVersion: event.version, ...cause };
    if (event.type === 'created') {
      append(
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
      append(
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
      append(
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
      append(
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
      append(
        ProposalDeclinedV1,
        { proposalId: p.proposalId, needId: p.needId, candidateId: p.candidateId, reasonCode: event.reason },
        envelope,
      );
    } else {
      append(
        ProposalWithdrawnV1,
        { proposalId: p.proposalId, needId: p.needId, candidateId: p.candidateId, reason: event.reason },
        envelope,
      );
    }
  }
  return out;
}
