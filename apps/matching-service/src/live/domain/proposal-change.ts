/** What the live stream says about a proposal that changed: where it is and what it became, never who. */
export interface ProposalChange {
  proposalId: string;
  needId: string;
  status: 'proposed' | 'accepted' | 'rejected' | 'withdrawn' | 'placed';
  previousStatus: ProposalChange['status'] | null;
  score: number;
  tenant: string;
  municipality: string;
}

export type QueueChangeKind = 'proposal-added' | 'proposal-rescored' | 'proposal-left';

/** How a change shows in the review queue, which holds the proposals still waiting (status `proposed`). */
export function queueChangeOf(change: Pick<ProposalChange, 'status' | 'previousStatus'>): QueueChangeKind | undefined {
  if (change.status === 'proposed') return change.previousStatus === 'proposed' ? 'proposal-rescored' : 'proposal-added';
  if (change.previousStatus === 'proposed') return 'proposal-left';
  return undefined;
}

const STATUSES = new Set(['proposed', 'accepted', 'rejected', 'withdrawn', 'placed']);

/** Reads a notification payload; anything else (a foreign NOTIFY on the channel) is ignored. */
export function parseProposalChange(payload: string | undefined): ProposalChange | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Record<string, unknown>;
    if (typeof value.proposalId !== 'string' || typeof value.needId !== 'string' || !STATUSES.has(value.status as string)) return undefined;
    if (typeof value.tenant !== 'string' || typeof value.municipality !== 'string') return undefined;
    const previous = value.previousStatus;
    return {
      proposalId: value.proposalId,
      needId: value.needId,
      status: value.status as ProposalChange['status'],
      previousStatus: typeof previous === 'string' && STATUSES.has(previous) ? (previous as ProposalChange['status']) : null,
      score: Number(value.score),
      tenant: value.tenant,
      municipality: value.municipality,
    };
  } catch {
    return undefined;
  }
}
