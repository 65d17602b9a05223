import type { PlacementOutcome, PlacementType } from '@jobbspar/contracts';
import type { FollowUpCheckpoint, FollowUpStatus, Placement, SupportMeasures } from '../../domain/placement';

export interface PlacementView {
  placementId: string;
  proposalId: string;
  needId: string;
  candidateId: string;
  employerId: string;
  placementType: PlacementType;
  startDate: string;
  support: SupportMeasures;
  status: 'started' | 'ended';
  endDate: string | null;
  outcome: PlacementOutcome | null;
  followUps: { checkpointDays: FollowUpCheckpoint; status: FollowUpStatus; recordedOn: string }[];
  /** The earliest checkpoint not recorded yet and when it falls due; null once all are recorded. */
  nextFollowUp: { checkpointDays: FollowUpCheckpoint; dueOn: string } | null;
}

export function placementView(placement: Placement): PlacementView {
  const p = placement.toProps();
  return {
    placementId: p.placementId,
    proposalId: p.proposalId,
    needId: p.needId,
    candidateId: p.candidateId,
    employerId: p.employerId,
    placementType: p.placementType,
    startDate: p.startDate,
    support: p.support,
    status: p.status,
    endDate: p.endDate,
    outcome: p.outcome,
    followUps: [...p.followUps]
      .sort((a, b) => a.checkpointDays - b.checkpointDays)
      .map((f) => ({ checkpointDays: f.checkpointDays, status: f.status, recordedOn: f.recordedOn })),
    nextFollowUp: placement.nextFollowUp(),
  };
}
