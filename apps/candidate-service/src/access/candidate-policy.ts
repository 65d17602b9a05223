import { auditPolicy, hasRole, type Principal, type ServicePolicy } from '@jobbspar/platform';
import { SERVICE_NAME } from '../config/env';

/** The service identity that reads the protected equal-distribution counts (a client-credentials token). */
export const FOLLOW_UP_SERVICE = 'follow-up-service';

/**
 * candidate-service's access policy: who may call each operation (403 otherwise). Candidates are a coordinator's:
 * she alone sees contact data, and only of candidates living in her organisation's area (a candidate elsewhere is
 * a 404, as if she did not exist: candidate-access.ts). assertPolicyCovers refuses to start the service if an
 * operation is missing here.
 */
export const CANDIDATE_POLICY: ServicePolicy = {
  // The service's audit log, of her own region: admins only (libs/platform audit/).
  ...auditPolicy(SERVICE_NAME),
  CandidatesController_register: { roles: ['coordinator'] },
  // Reads of a candidate's personal data are audited like commands: her profile, her contact data, her job track,
  // her internships.
  CandidatesController_list: { roles: ['coordinator'], audit: 'personal-data' },
  CandidatesController_get: { roles: ['coordinator'], audit: 'personal-data' },
  // Names of her area's candidates only (the handler filters by the caller's municipalities, as the list does).
  CandidatesController_names: { roles: ['coordinator'], audit: 'personal-data' },
  CandidatesController_update: { roles: ['coordinator'] },
  CandidatesController_consent: { roles: ['coordinator'] },
  CandidatesController_erase: { roles: ['coordinator'] },
  CandidatesController_delete: { roles: ['coordinator'] },
  JobTrackController_jobTrack: { roles: ['coordinator'], audit: 'personal-data' },
  // Suppressed aggregates of one municipality, no row about a person.
  FollowUpStatisticsController_statistics: { roles: ['coordinator', 'analyst'] },
  // Analysts must not read these beside their own report: its cells could undo the complementary suppression
  // follow-up-service applies on top. Only follow-up-service's own identity.
  EqualDistributionController_get: { services: [FOLLOW_UP_SERVICE] },
  InternshipsController_start: { roles: ['coordinator'] },
  InternshipsController_list: { roles: ['coordinator', 'supervisor'], audit: 'personal-data' },
  InternshipsController_get: { roles: ['coordinator', 'supervisor'], audit: 'personal-data' },
  InternshipsController_assess: { roles: ['supervisor', 'coordinator'] },
  AssessmentsController_certify: { roles: ['coordinator'] },
  ValidationsController_revoke: { roles: ['coordinator'] },
};

/** Whether a candidate living in `homeMunicipality` is within the caller's area. */
export function coversCandidate(principal: Principal, homeMunicipality: string): boolean {
  return hasRole(principal, 'coordinator') && principal.municipalities.includes(homeMunicipality);
}
