import { ForbiddenException } from '@nestjs/common';
import { auditPolicy, hasRole, type Principal, type ServicePolicy } from '@jobbspar/platform';
import { UNRESTRICTED, type Viewer } from '../common/viewer';
import type { PairAsker } from '../why/application/queries/explain-pair/explain-pair.query';
import { SERVICE_NAME } from '../config/env';

/**
 * matching-service's access policy: who may call each operation (403 otherwise). The review of proposals, the
 * placements' follow-up and the candidates' side are a coordinator's; an employer sees proposals for needs and
 * confirms (or declines) the proposals a coordinator accepted, which starts a placement; the region's admin keeps the scoring weights. assertPolicyCovers refuses to start the
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
  // The employer's answer to an accepted proposal: her organisation's staff, or the HR of a municipality as employer.
  ProposalsController_decline: { roles: ['employer', 'municipal-hr'] },
  ProposalsController_employerProposals: { roles: ['employer', 'municipal-hr'] },
  ProposalsController_employerProposal: { roles: ['employer', 'municipal-hr'] },
  PlacementsController_confirm: { roles: ['employer', 'municipal-hr'] },
  PlacementsController_list: { roles: ['employer', 'municipal-hr', 'coordinator'] },
  PlacementsController_due: { roles: ['coordinator'] },
  PlacementsController_get: { roles: ['employer', 'municipal-hr', 'coordinator'] },
  PlacementsController_end: { roles: ['employer', 'municipal-hr', 'coordinator'] },
  PlacementsController_followUp: { roles: ['coordinator'] },
  // Counts only, never a candidate: whoever composes a role or posts needs for it (HR, an employer) and the
  // coordinators who know the supply. No object-level rule: a need may be posted for a workplace anywhere, and
  // the counts are of candidates who commute there, exactly as proposals would cross the border. Nothing stored: a
  // question, not a change (not audited; see OperationRule.audit).
  SupplyController_preview: { roles: ['municipal-hr', 'employer', 'coordinator'], audit: 'read-only' },
  // Why (not) a candidate for a need: her coordinator (of her area), the need's employer (pseudonym only), an admin
  // of the need's region; the object-level rule is in ExplainPairHandler. A read about a person, audited.
  WhyController_pair: { roles: ['coordinator', 'employer', 'municipal-hr', 'admin'], audit: 'personal-data' },
  WeightsController_get: { roles: ['admin', 'coordinator'] },
  WeightsController_put: { roles: ['admin'] },
};

/** Weights are a region's: its admin changes them, her coordinators read them; another region is not hers. */
export function assertOwnRegion(principal: Principal | undefined, region: string): void {
  if (principal && principal.tenant !== region) {
    throw new ForbiddenException(`region: ${region} is not the region of ${principal.organisation.id} (${principal.tenant})`);
  }
}

/**
 * The object-level half of the policy: whose needs' proposals and placements the caller sees. An employer's staff
 * see their organisation's, a municipality's HR those of the municipality as employer, a coordinator the placements
 * of her area's residents (and every proposal: the review queue proposes her candidates for needs anywhere).
 */
export function viewerOf(principal: Principal | undefined): Viewer {
  if (!principal) return UNRESTRICTED;
  return {
    unrestricted: false,
    employerOrganisation: hasRole(principal, 'employer') && principal.organisation.type === 'employer' ? principal.organisation.key : null,
    hrMunicipalities: hasRole(principal, 'municipal-hr') ? [...principal.municipalities] : [],
    coordinatorArea: hasRole(principal, 'coordinator') ? [...principal.municipalities] : null,
  };
}

/** Who asks why (not): her viewer and, for an admin, the region she keeps (she may ask about its needs). */
export function pairAskerOf(principal: Principal | undefined): PairAsker {
  return { viewer: viewerOf(principal), adminRegion: principal && hasRole(principal, 'admin') ? principal.tenant : null };
}
