import { Query } from '@nestjs/cqrs';
import type { JobTrackStep } from '../../../domain/job-track';

export interface JobTrack {
  candidateId: string;
  roleId: string;
  roleVersion: number;
  roleName: string;
  /** Municipalities within her maximum commute, where the counted needs are. */
  nearbyMunicipalities: string[];
  openNeedsNearby: number;
  steps: JobTrackStep[];
  placements: {
    placementId: string;
    needId: string;
    employerId: string;
    placementType: string;
    startDate: string;
    endDate: string | null;
    outcome: string | null;
  }[];
}

export class GetJobTrackQuery extends Query<JobTrack> {
  constructor(
    readonly candidateId: string,
    readonly roleId: string,
    readonly roleVersion?: number,
  ) {
    super();
  }
}
