import { auditPolicy, countyOfTenant, hasRole, type Principal, type ServicePolicy } from '@jobbspar/platform';
import { SERVICE_NAME } from '../config/env';

const EVERYONE = ['employer', 'supervisor', 'municipal-hr', 'coordinator', 'analyst', 'admin'] as const;

/**
 * employer-service's access policy: who may call each operation (403 otherwise) and, below, which objects she
 * sees (another organisation's or region's object is a 404, as if it did not exist). docs/access-control.md
 * has the table as built. assertPolicyCovers refuses to start the service if an operation is missing here.
 */
export const EMPLOYER_POLICY: ServicePolicy = {
  // The service's audit log, of her own region: admins only (libs/platform audit/).
  ...auditPolicy(SERVICE_NAME),
  // Employers are registered by the admin of their region; who works for whom is the provider's business.
  EmployersController_register: { roles: ['admin'] },
  EmployersController_list: { roles: ['employer', 'supervisor', 'municipal-hr', 'coordinator', 'admin'] },
  EmployersController_get: { roles: ['employer', 'supervisor', 'municipal-hr', 'coordinator', 'admin'] },
  // Needs: an employer's staff for their own organisation, a municipality's HR for the municipality as employer,
  // the region's admin for the employers of her region (onboarding on their behalf); coordinators read them.
  NeedsController_post: { roles: ['employer', 'municipal-hr', 'admin'] },
  NeedsController_update: { roles: ['employer', 'municipal-hr', 'admin'] },
  NeedsController_open: { roles: ['employer', 'municipal-hr', 'admin'] },
  NeedsController_close: { roles: ['employer', 'municipal-hr', 'admin'] },
  NeedsController_list: { roles: ['employer', 'municipal-hr', 'coordinator', 'admin'] },
  NeedsController_get: { roles: ['employer', 'municipal-hr', 'coordinator', 'admin'] },
  NeedsController_getMany: { roles: ['employer', 'municipal-hr', 'coordinator', 'admin'] },
  // Roles: composed by a municipality's HR; every role is readable (others' as templates).
  RolesController_defineStandard: { roles: ['municipal-hr', 'admin'] },
  RolesController_compose: { roles: ['municipal-hr'] },
  RolesController_revise: { roles: ['municipal-hr'] },
  RolesController_list: { roles: ['employer', 'municipal-hr', 'coordinator', 'admin'] },
  RolesController_get: { roles: ['employer', 'municipal-hr', 'coordinator', 'admin'] },
  RolesController_getVersion: { roles: ['employer', 'municipal-hr', 'coordinator', 'admin'] },
  // The national taxonomy is public knowledge; shortage overrides are the region admin's.
  TaxonomyController_summary: { roles: EVERYONE },
  TaxonomyController_occupations: { roles: EVERYONE },
  TaxonomyController_tasks: { roles: EVERYONE },
  TaxonomyController_counties: { roles: EVERYONE },
  TaxonomyController_municipalities: { roles: EVERYONE },
  TaxonomyController_roleTemplates: { roles: EVERYONE },
  TaxonomyController_shortage: { roles: EVERYONE },
  TaxonomyController_overrides: { roles: ['admin', 'coordinator', 'municipal-hr'] },
  TaxonomyController_setOverride: { roles: ['admin'] },
  TaxonomyController_removeOverride: { roles: ['admin'] },
};

/**
 * Which needs a caller sees, as an SQL condition on `needs n` (and the employers table): the union over her
 * roles. Parameters are appended to `params`; the condition never matches for a role that sees no needs.
 */
export function needScope(principal: Principal, schema: string, params: unknown[]): string {
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const any: string[] = [];
  // A coordinator reads every need: the review queue proposes her candidates for needs wherever they commute to.
  if (hasRole(principal, 'coordinator')) any.push('true');
  if (hasRole(principal, 'admin')) {
    // The region's: posted by an employer of the region, or for a workplace in it.
    const county = param(countyOfTenant(principal.tenant));
    any.push(`(n.county_code = ${county} OR n.employer_id IN (SELECT e.id FROM "${schema}".employers e WHERE e.county_code = ${county}))`);
  }
  if (hasRole(principal, 'employer') && principal.organisation.type === 'employer') {
    any.push(
      `n.employer_id IN (SELECT e.id FROM "${schema}".employers e WHERE e.organisation_number = ${param(principal.organisation.key)})`,
    );
  }
  if (hasRole(principal, 'municipal-hr')) {
    any.push(
      `n.employer_id IN (SELECT e.id FROM "${schema}".employers e WHERE e.is_municipality AND e.municipality_code = ANY(${param([...principal.municipalities])}))`,
    );
  }
  return any.length ? `(${any.join(' OR ')})` : 'false';
}

/** The same rule for an employer a need is posted for (`employers e`). */
export function employerScope(principal: Principal, params: unknown[]): string {
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const any: string[] = [];
  if (hasRole(principal, 'admin', 'coordinator')) any.push(`e.county_code = ${param(countyOfTenant(principal.tenant))}`);
  if (hasRole(principal, 'employer', 'supervisor') && principal.organisation.type === 'employer') {
    any.push(`e.organisation_number = ${param(principal.organisation.key)}`);
  }
  if (hasRole(principal, 'municipal-hr'))
    any.push(`(e.is_municipality AND e.municipality_code = ANY(${param([...principal.municipalities])}))`);
  return any.length ? `(${any.join(' OR ')})` : 'false';
}
