import { isDeepStrictEqual } from 'node:util';
import type { DeclineReason, RejectionReason, WithdrawalReason } from '@jobbspar/contracts';
import type { Explanation } from '@jobbspar/matching-core';
import { ProposalStateConflict } from './proposal.errors';

export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'rejected', 'withdrawn', 'placed', 'declined'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalProps {
  proposalId: string;
  needId: string;
  /** Pseudonymous; after erasure a random id that links to nobody. */
  candidateId: string;
  /** Shared by the two proposals of a pair internship. */
  pairId: string | null;
  status: ProposalStatus;
  /** The current score and explanation: kept true while the proposal is open (proposed or accepted). */
  score: number;
  explanation: Explanation;
  weightsVersion: string;
  /** What the coordinator saw when she accepted it; null before. The current score stays beside it. */
  acceptedScore: number | null;
  acceptedExplanation: Explanation | null;
  tenant: string;
  /** Workplace municipality and occupations of the need, for the review queue's filters. */
  municipality: string;
  occupations: string[];
  reasonCode: RejectionReason | null;
  /** The reviewer's free text: kept here, never published, gone with erasure. */
  comment: string | null;
  withdrawalReason: WithdrawalReason | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  /** The employer's answer to an accepted proposal: who confirmed or declined it, when, and why she declined. */
  decidedBy: string | null;
  decidedAt: Date | null;
  declineReason: DeclineReason | null;
  createdAt: Date;
  /** Counts the proposal's transitions; its events carry it as aggregateVersion. */
  version: number;
}

export type ProposeInput = Pick<
  ProposalProps,
  | 'proposalId'
  | 'needId'
  | 'candidateId'
  | 'pairId'
  | 'score'
  | 'explanation'
  | 'weightsVersion'
  | 'tenant'
  | 'municipality'
  | 'occupations'
>;

/** What a transition means to the rest of the system. */
export type ProposalEvent =
  | { type: 'created'; version: number }
  | { type: 'reviewed'; version: number }
  | { type: 'confirmed'; version: number; placementId: string; startDate: string }
  | { type: 'declined'; version: number; reason: DeclineReason }
  | { type: 'rescored'; version: number; previousScore: number; status: 'proposed' | 'accepted' }
  | { type: 'withdrawn'; version: number; reason: WithdrawalReason };

/**
 * A match proposal: proposed → accepted | rejected | withdrawn; accepted → placed (the employer confirmed) | declined
 * (the employer declined) | withdrawn. A review and the employer's answer are final: neither is given twice.
 */
export class Proposal {
  private events: ProposalEvent[] = [];

  private constructor(private readonly props: ProposalProps) {}

  static propose(input: ProposeInput, now: Date): Proposal {
    const proposal = new Proposal({
      ...input,
      occupations: [...input.occupations],
      status: 'proposed',
      acceptedScore: null,
      acceptedExplanation: null,
      reasonCode: null,
      comment: null,
      withdrawalReason: null,
      reviewedBy: null,
      reviewedAt: null,
      decidedBy: null,
      decidedAt: null,
      declineReason: null,
      createdAt: now,
      version: 1,
    });
    proposal.events.push({ type: 'created', version: 1 });
    return proposal;
  }

  static restore(props: ProposalProps): Proposal {
    return new Proposal({ ...props, occupations: [...props.occupations] });
  }

  accept(reviewer: string, now: Date): void {
    this.require(['proposed'], 'accept');
    this.transition({
      status: 'accepted',
      acceptedScore: this.props.score,
      acceptedExplanation: this.props.explanation,
      reviewedBy: reviewer,
      reviewedAt: now,
    });
    this.events.push({ type: 'reviewed', version: this.props.version });
  }

  reject(reasonCode: RejectionReason, comment: string | null, reviewer: string, now: Date): void {
    this.require(['proposed'], 'reject');
    this.transition({ status: 'rejected', reasonCode, comment, reviewedBy: reviewer, reviewedAt: now });
    this.events.push({ type: 'reviewed', version: this.props.version });
  }

  /**
   * The pair's current score and explanation, while the proposal is open. Returns false (and records nothing) if
   * they are what the proposal already carries, so an unchanged re-score publishes nothing.
   */
  rescore(score: number, explanation: Explanation, weightsVersion: string): boolean {
    const status = this.props.status;
    if (status !== 'proposed' && status !== 'accepted') throw new ProposalStateConflict(this.props.proposalId, status, 'rescore');
    // Deep equality, not JSON text: jsonb hands the stored explanation back with its keys in its own order.
    const same =
      score === this.props.score && weightsVersion === this.props.weightsVersion && isDeepStrictEqual(explanation, this.props.explanation);
    if (same) return false;
    const previousScore = this.props.score;
    this.transition({ score, explanation, weightsVersion });
    this.events.push({ type: 'rescored', version: this.props.version, previousScore, status });
    return true;
  }

  /**
   * A later solve found her a partner for a pair internship: the earlier single proposal joins the new one's pair.
   * Not a transition (nothing about her proposal changed but whom she would start with): the pair is announced by
   * the new proposal's ProposalCreated, whose pairId this proposal now shares.
   */
  joinPair(pairId: string): void {
    if (this.props.status !== 'proposed' || this.props.pairId !== null) {
      throw new ProposalStateConflict(this.props.proposalId, this.props.status, 'join a pair');
    }
    this.props.pairId = pairId;
  }

  /** Open proposals only: a proposed one the assignment let go of, or an accepted one whose need or candidate left. */
  withdraw(reason: WithdrawalReason): void {
    this.require(['proposed', 'accepted'], 'withdraw');
    this.transition({ status: 'withdrawn', withdrawalReason: reason });
    this.events.push({ type: 'withdrawn', version: this.props.version, reason });
  }

  /**
   * The employer of the need confirmed it: the placement `placementId` starts on `startDate` from it. Only an accepted
   * proposal can be confirmed; the coordinator who accepted it stays its reviewer.
   */
  confirm(placementId: string, startDate: string, by: string, now: Date): void {
    this.require(['accepted'], 'confirm');
    this.transition({ status: 'placed', decidedBy: by, decidedAt: now });
    this.events.push({ type: 'confirmed', version: this.props.version, placementId, startDate });
  }

  /**
   * The employer of the need declined it. The pair is settled as a rejected one is (never proposed again for this
   * need), and the slots it held on both sides are free again.
   */
  decline(reason: DeclineReason, by: string, now: Date): void {
    this.require(['accepted'], 'decline');
    this.transition({ status: 'declined', declineReason: reason, decidedBy: by, decidedAt: now });
    this.events.push({ type: 'declined', version: this.props.version, reason });
  }

  /**
   * Erasure: the statistics stay under `anonymousId`, a random id that links to nobody, and the reviewer's free
   * text about her goes. Not a transition of the proposal: its version and events stay as they were.
   */
  forgetCandidate(anonymousId: string): void {
    Object.assign(this.props, { candidateId: anonymousId, comment: null });
  }

  /** Events recorded since the last call, in order; the caller writes them to the outbox in the same transaction. */
  pullEvents(): ProposalEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toProps(): Readonly<ProposalProps> {
    return { ...this.props, occupations: [...this.props.occupations] };
  }

  get id(): string {
    return this.props.proposalId;
  }
  get needId(): string {
    return this.props.needId;
  }
  get candidateId(): string {
    return this.props.candidateId;
  }
  get status(): ProposalStatus {
    return this.props.status;
  }
  get tenant(): string {
    return this.props.tenant;
  }
  get version(): number {
    return this.props.version;
  }
  /** When the coordinator accepted it; null before. */
  get acceptedAt(): Date | null {
    return this.props.acceptedScore === null ? null : this.props.reviewedAt;
  }

  private require(allowed: readonly ProposalStatus[], action: string): void {
    if (!allowed.includes(this.props.status)) throw new ProposalStateConflict(this.props.proposalId, this.props.status, action);
  }

  private transition(changes: Partial<ProposalProps>): void {
    Object.assign(this.props, changes, { version: this.props.version + 1 });
  }
}
