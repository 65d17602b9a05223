/**
 * The web app's paths. Plain TypeScript without the DOM: the server imports WEB_ROUTES to answer these paths with
 * the app's index.html (a reload or a bookmark deep in the app), and a test checks that no service owns any of them.
 */
export const paths = {
  start: '/',
  /** Where the identity provider sends the browser back with a code (registered for the `jobbspar-web` client). */
  signInCallback: '/signin/callback',
  employerNeeds: '/employer/needs',
  employerNewNeed: '/employer/needs/new',
  employerNeed: (id: string) => `/employer/needs/${id}`,
  employerProposals: '/employer/proposals',
  employerPlacements: '/employer/placements',
  /** Why (or why not) a candidate for one of her needs. */
  employerWhy: (needId: string, candidateId: string) => `/employer/needs/${needId}/why/${candidateId}`,
  hrRoles: '/hr/roles',
  hrNewRole: '/hr/roles/new',
  hrRole: (id: string) => `/hr/roles/${id}`,
  hrNeeds: '/hr/needs',
  hrNewNeed: '/hr/needs/new',
  hrNeed: (id: string) => `/hr/needs/${id}`,
  hrProposals: '/hr/proposals',
  hrPlacements: '/hr/placements',
  hrWhy: (needId: string, candidateId: string) => `/hr/needs/${needId}/why/${candidateId}`,
  /** HR's own way in to why and why not: a need of the municipality, then a candidate. */
  hrWhyStart: '/hr/why',
  supervisorInterns: '/supervisor/interns',
  supervisorIntern: (id: string) => `/supervisor/interns/${id}`,
  coordinatorQueue: '/coordinator/queue',
  coordinatorCandidates: '/coordinator/candidates',
  coordinatorNewCandidate: '/coordinator/candidates/new',
  coordinatorCandidate: (id: string) => `/coordinator/candidates/${id}`,
  /** Why (or why not) one of her candidates for a need. */
  coordinatorWhy: (candidateId: string, needId: string) => `/coordinator/candidates/${candidateId}/why/${needId}`,
  coordinatorPlacements: '/coordinator/placements',
  analystOverview: '/analyst/overview',
  analystEqualDistribution: '/analyst/equal-distribution',
  analystWhereToTrain: '/analyst/where-to-train',
} as const;

/** Path prefixes the web app answers (besides `/` itself and its static files under /assets). */
export const WEB_ROUTES = ['/employer', '/hr', '/supervisor', '/coordinator', '/analyst', '/assets', '/signin'] as const;
