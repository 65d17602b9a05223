import { ForbiddenException } from '@nestjs/common';
import { auditPolicy, type Principal, type ServicePolicy } from '@jobbspar/platform';
import { SERVICE_NAME } from '../config/env';

/**
 * matching-service's access policy: who may call each operation (403 otherwise). The review of proposals, the
 * placements' follow-up and the candidates' side are a coordinator's; an employer sees proposals for needs and
 * confirms placements; the region's admin keeps the scoring weights. assertPolicyCovers refuses to start the
 * service if an operation is missing here.
 */
export const MATCHING_POLICY: ServicePolicy = {
  // The service's audit log, of her own region: admins only (libs/platform audit/).
  ...auditPolicy(SERVICE_NAME),
  ProposalsController_get: { roles: ['coordinator', 'employer', 'municipal-hr'] },
  ProposalsController_forNeed: { roles: ['coordinator', 'employer', 'municipal-hr'] },
  // One candidate's proposals: a read about a person, audited.
  ProposalsController_forCandidate: { roles: ['coordinator'], audit: 'personal-data' },
  ProposalsController_reviewQueue: { roles: ['coordinator'] },
  ProposalsController_accept: { roles: ['coordinator'] },
  ProposalsController_reject: { roles: ['coordinator'] },
  ReviewQueueEventsController_events: { roles: ['coordinator'] },
  PlacementsController_start: { roles: ['employer', 'municipal-hr', 'coordinator'] },
  PlacementsController_get: { roles: ['employer', 'municipal-hr', 'coordinator'] },
  PlacementsController_end: { roles: ['employer', 'municipal-hr', 'coordinator'] },
  PlacementsController_followUp: { roles: ['coordinator'] },
  // Counts only, never a candidate: whoever composes a role or posts needs for it (HR, an employer) and the
  // coordinators who know the supply. No object-level rule: a need may be posted for a workplace anywhere, and
  // the counts are of candidates who commute there, exactly as proposals would cross the border.
  SupplyController_preview: { roles: ['municipal-hr', 'employer', 'coordinator'] },
  WeightsController_get: { roles: ['admin', 'coordinator'] },
  WeightsController_put: { roles: ['admin'] },
};

/** Weights are a region's: its admin changes them, her coordinators read them; another region is not hers. */
export function assertOwnRegion(principal: Principal | undefined, region: string): void {
  if (principal && principal.tenant !== region) {
    throw new ForbiddenException(`region: ${region} is not the region of ${principal.organisation.id} (${principal.tenant})`);
  }
}
