/**
 * Who is calling, as the verified access token says: the only source of identity, organisation, roles and tenant
 * (docs/access-control.md describes the claims). Nothing here is read from a header or a body.
 */
export const ROLES = ['employer', 'supervisor', 'municipal-hr', 'coordinator', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = ['employer', 'municipality', 'cooperation', 'region', 'employment-service'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** The custom claims of a Jobbspår access token, beside the registered ones (iss, sub, aud, exp, nbf, iat). */
export const CLAIMS = {
  organisation: 'org',
  organisationType: 'org_type',
  roles: 'roles',
  tenant: 'tenant',
  municipalities: 'municipalities',
  /** Set by the provider on a client-credentials token: the service acting as itself (`follow-up-service`). */
  service: 'service',
} as const;

export interface Organisation {
  /** `<type>:<key>`: `employer:556712-3459`, `municipality:1283`, `cooperation:familjen-helsingborg`, `region:12`,
   * `employment-service:arbetsformedlingen`; `service:follow-up-service` for a service acting as itself. */
  id: string;
  type: OrganisationType | 'service';
  /** The part after the colon: an organisation number, a municipality code, a county code or a slug. */
  key: string;
}

export interface Principal {
  /** The provider's subject: a pseudonymous user id, never a name. */
  subject: string;
  organisation: Organisation;
  roles: readonly Role[];
  /** The region the user works in: `se-<county code>`. */
  tenant: string;
  /** Municipality codes the user's organisation covers (a coordinator's area, an analyst's region). */
  municipalities: readonly string[];
  /** A service calling as itself (client credentials): no roles, no tenant of its own; policies name it. */
  service?: string;
}

/** The actor recorded in events and audit rows: `<first role>:<subject>`, never a name. */
export function actorOf(principal: Principal): string {
  return principal.service ? `service:${principal.service}` : `${principal.roles[0]}:${principal.subject}`;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

/** The county code of a `se-<county>` tenant. */
export function countyOfTenant(tenant: string): string {
  return tenant.slice(3);
}

export class InvalidClaimsError extends Error {}

const SUBJECT = /^[A-Za-z0-9-]{1,64}$/;
const SERVICE = /^[a-z][a-z0-9-]{1,40}$/;
const TENANT = /^se-\d{2}$/;
const MUNICIPALITY = /^\d{4}$/;
const ORGANISATION_KEY: Record<OrganisationType, RegExp> = {
  employer: /^\d{6}-\d{4}$/,
  municipality: /^\d{4}$/,
  cooperation: /^[a-z0-9-]{2,60}$/,
  region: /^\d{2}$/,
  'employment-service': /^[a-z0-9-]{2,60}$/,
};

/** Reads the claims of a token whose signature and registered claims were already verified. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = claims.sub;
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) throw new InvalidClaimsError('sub is missing or malformed');
  const service = claims[CLAIMS.service];
  if (service !== undefined) {
    if (typeof service !== 'string' || !SERVICE.test(service)) throw new InvalidClaimsError(`${CLAIMS.service} is malformed`);
    return {
      subject,
      organisation: { id: `service:${service}`, type: 'service', key: service },
      roles: [],
      tenant: 'se',
      municipalities: [],
      service,
    };
  }
  const org = claims[CLAIMS.organisation];
  if (typeof org !== 'string') throw new InvalidClaimsError(`${CLAIMS.organisation} is missing`);
  const [type, key] = [org.slice(0, org.indexOf(':')), org.slice(org.indexOf(':') + 1)];
  if (!(ORGANISATION_TYPES as readonly string[]).includes(type) || !ORGANISATION_KEY[type as OrganisationType].test(key)) {
    throw new InvalidClaimsError(`${CLAIMS.organisation} "${org}" is not <type>:<key> of a known organisation type`);
  }
  const roles = claims[CLAIMS.roles];
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => (ROLES as readonly string[]).includes(r))) {
    throw new InvalidClaimsError(`${CLAIMS.roles} must list one or more of ${ROLES.join(', ')}`);
  }
  const tenant = claims[CLAIMS.tenant];
  if (typeof tenant !== 'string' || !TENANT.test(tenant)) throw new InvalidClaimsError(`${CLAIMS.tenant} must be se-<county code>`);
  const municipalities = claims[CLAIMS.municipalities] ?? [];
  if (!Array.isArray(municipalities) || !municipalities.every((m) => typeof m === 'string' && MUNICIPALITY.test(m))) {
    throw new InvalidClaimsError(`${CLAIMS.municipalities} must be a list of four-digit municipality codes`);
  }
  return {
    subject,
    organisation: { id: org, type: type as OrganisationType, key },
    roles: roles as Role[],
    tenant,
    municipalities: municipalities as string[],
  };
}
