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

/**
 * A checkpoint is recorded once, and only once the placement has begun: a follow-up "N days after" a start that
 * lies in the future describes nothing.
 */
export function recordFollowUp(p: PlacementState, checkpoint: FollowUpCheckpoint, today: string): PlacementState {
  if (p.startDate > today) {
    throw new PlacementStateConflict(`placement ${p.placementId} starts ${p.startDate}: no follow-up before it has started`, {
      placementId: p.placementId,
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
