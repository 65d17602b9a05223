import type { Explanation, HardFilterChecklist } from '@jobbspar/matching-core';
import type { ProposalStatus } from '../../proposals/domain/proposal';

/**
 * The one answer to "why (not) this candidate for this need":
 * - filtered-out: a hard filter fails (the checklist says which, with its values);
 * - no-score: she passes every filter but scores 0, so the pair is no edge of the assignment;
 * - holds-no-task: she holds none of the need's tasks, and matching only scores candidates found through the
 *   need's tasks;
 * - proposed / accepted / placed: the pair has that proposal;
 * - out-competed: she could be proposed, but a capacity she needs is held by pairs that give more in all (see
 *   `capacity`: the assignment maximises the total, so a holder may score less than she would here);
 * - pending: her score already beats what the capacity needs; matching has not proposed her yet (her last change
 *   is being matched).
 */
export const PAIR_VERDICTS = [
  'filtered-out',
  'no-score',
  'holds-no-task',
  'proposed',
  'accepted',
  'placed',
  'out-competed',
  'pending',
] as const;
export type PairVerdict = (typeof PAIR_VERDICTS)[number];

/** need-slots: positions left × M; candidate-slots: her K; supervisor-capacity: the need's room for close supervision. */
export const DECIDING_CAPACITIES = ['need-slots', 'candidate-slots', 'supervisor-capacity'] as const;
export type DecidingCapacity = (typeof DECIDING_CAPACITIES)[number];

/** A proposal holding room she would need: only its score, and its ids where the caller may see them. */
export interface HoldingProposal {
  proposalId: string | null;
  needId: string | null;
  score: number;
}

export interface CapacityAnswer {
  /** Which capacities are full in the optimum without her pair; empty unless out-competed. */
  decidedBy: DecidingCapacity[];
  /** The lowest score with which she would be proposed; null unless out-competed or pending, or no score would do. */
  scoreNeeded: number | null;
  needSlots: number | null;
  needHeldBy: HoldingProposal[];
  candidateSlots: number | null;
  candidateHeldBy: HoldingProposal[];
  needsCloseSupervision: boolean;
  supervisorSlots: number | null;
  supervisorHeldBy: HoldingProposal[];
}

export interface PairAnswer {
  candidateId: string;
  needId: string;
  verdict: PairVerdict;
  /** The pair's live proposal (proposed, accepted or placed), where the caller may see it. */
  proposalId: string | null;
  /** The pair's last settled proposal (rejected or declined): what the not-rejected-before filter found. */
  settled: { status: Extract<ProposalStatus, 'rejected' | 'declined'>; reason: string | null } | null;
  filters: PairFilters;
  /** Her home municipality is hers: the employer's side gets null. */
  homeMunicipality: string | null;
  holdsNeedTask: boolean;
  /** Null unless every filter passed. */
  explanation: Explanation | null;
  capacity: CapacityAnswer;
}

/**
 * The checklist as the caller may see it. On the employer's side the day she is available from and her commute (the
 * minutes, which say roughly where she lives, and the longest she accepts) are null: personal circumstances, not
 * competence; the employer sees that each filter passes or fails, and the tasks and levels with their values.
 */
export type PairFilters = Omit<HardFilterChecklist, 'availableByStart' | 'commute'> & {
  readonly availableByStart: { readonly passed: boolean; readonly availableFrom: string | null; readonly startsOn: string };
  readonly commute: { readonly passed: boolean; readonly minutes: number | null; readonly maxMinutes: number | null; readonly to: string };
};

/** The employer's side of the checklist (see PairFilters). */
export function employerFilters(f: HardFilterChecklist): PairFilters {
  return {
    ...f,
    availableByStart: { passed: f.availableByStart.passed, availableFrom: null, startsOn: f.availableByStart.startsOn },
    commute: { passed: f.commute.passed, minutes: null, maxMinutes: null, to: f.commute.to },
  };
}

export const NO_CAPACITY_ANSWER: CapacityAnswer = {
  decidedBy: [],
  scoreNeeded: null,
  needSlots: null,
  needHeldBy: [],
  candidateSlots: null,
  candidateHeldBy: [],
  needsCloseSupervision: false,
  supervisorSlots: null,
  supervisorHeldBy: [],
};
