import type { PlacementOutcome } from '@jobbspar/contracts';
import { PlacementDateInvalid, PlacementStateConflict } from './placement.errors';

export type FollowUpCheckpoint = 30 | 90 | 180;
export type FollowUpStatus = 'in-work' | 'in-studies' | 'other';

export interface PlacementState {
  readonly placementId: string;
  readonly status: 'started' | 'ended';
  /** YYYY-MM-DD */
  readonly startDate: string;
  readonly endDate: string | null;
  readonly outcome: PlacementOutcome | null;
  readonly checkpointsRecorded: readonly FollowUpCheckpoint[];
}

export function endPlacement(p: PlacementState, endDate: string, outcome: PlacementOutcome): PlacementState {
  if (p.status !== 'started')
    throw new PlacementStateConflict(`placement ${p.placementId} has already ended`, { placementId: p.placementId });
  if (endDate < p.startDate) throw new PlacementDateInvalid('endDate', `must not be before the start date ${p.startDate}`);
  return { ...p, status: 'ended', endDate, outcome };
}

/** The day a checkpoint falls due: `checkpoint` days after the start. */
export function followUpDueOn(startDate: string, checkpoint: FollowUpCheckpoint): string {
  const due = new Date(`${startDate}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + checkpoint);
  return due.toISOString().slice(0, 10);
}

/**
 * A checkpoint is recorded once, and only once it has fallen due: "in work 90 days after the start" cannot be known
 * on day 10, and a start that lies in the future describes nothing yet.
 */
export function recordFollowUp(p: PlacementState, checkpoint: FollowUpCheckpoint, today: string): PlacementState {
  if (p.startDate > today) {
    throw new PlacementStateConflict(`placement ${p.placementId} starts ${p.startDate}: no follow-up before it has started`, {
      placementId: p.placementId,
    });
  }
  const due = followUpDueOn(p.startDate, checkpoint);
  if (due > today) {
    throw new PlacementStateConflict(`the ${checkpoint}-day follow-up of placement ${p.placementId} falls due on ${due}`, {
      placementId: p.placementId,
      checkpointDays: checkpoint,
      dueOn: due,
    });
  }
  if (p.checkpointsRecorded.includes(checkpoint)) {
    throw new PlacementStateConflict(`placement ${p.placementId} already has its ${checkpoint}-day follow-up`, {
      placementId: p.placementId,
      checkpointDays: checkpoint,
    });
  }
  return { ...p, checkpointsRecorded: [...p.checkpointsRecorded, checkpoint] };
}
