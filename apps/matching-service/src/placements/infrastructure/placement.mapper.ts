import type { PlacementOutcome, PlacementType } from '@jobbspar/contracts';
import { FollowUp, FollowUpCheckpoint, FollowUpStatus, Placement, SupportMeasures } from '../domain/placement';

/** A row of matching.placements with its dates as YYYY-MM-DD text (to_char), whatever the session's time zone. */
export interface PlacementRow {
  placement_id: string;
  proposal_id: string;
  need_id: string;
  candidate_id: string;
  employer_id: string;
  placement_type: PlacementType;
  tenant: string;
  start_date: string;
  support: SupportMeasures;
  status: 'started' | 'ended';
  end_date: string | null;
  outcome: PlacementOutcome | null;
  version: number;
}

export interface FollowUpRow {
  checkpoint_days: number;
  status: FollowUpStatus;
  recorded_on: string;
  recorded_by: string;
}

export const PlacementMapper = {
  toDomain(r: PlacementRow, followUps: readonly FollowUpRow[]): Placement {
    return Placement.restore({
      placementId: r.placement_id,
      proposalId: r.proposal_id,
      needId: r.need_id,
      candidateId: r.candidate_id,
      employerId: r.employer_id,
      placementType: r.placement_type,
      tenant: r.tenant,
      startDate: r.start_date,
      support: r.support,
      status: r.status,
      endDate: r.end_date,
      outcome: r.outcome,
      followUps: followUps.map((f): FollowUp => ({
        checkpointDays: f.checkpoint_days as FollowUpCheckpoint,
        status: f.status,
        recordedOn: f.recorded_on,
        recordedBy: f.recorded_by,
      })),
      version: r.version,
    });
  },
};
