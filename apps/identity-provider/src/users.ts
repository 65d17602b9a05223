import { createHash, timingSafeEqual } from 'node:crypto';
import { CLAIMS, type Role, ROLES } from '@jobbspar/platform';
import { OrganisationRecord, ORGANISATIONS } from './organisations';

/** A person who can log in: one organisation, one or more roles. */
export interface UserRecord {
  /** The token's `sub`: pseudonymous and stable, derived from the username. */
  id: string;
  username: string;
  name: string;
  organisation: OrganisationRecord;
  roles: readonly Role[];
  password: string;
}

export type NewUser = Omit<UserRecord, 'id'>;

export function subjectOf(username: string): string {
  return `u-${createHash('sha256').update(`jobbspar-user:${username}`).digest('hex').slice(0, 16)}`;
}

/** The claims every access and ID token of this user carries (docs/access-control.md). */
export function claimsOf(user: UserRecord): Record<string, unknown> {
  return {
    [CLAIMS.organisation]: user.organisation.id,
    [CLAIMS.organisationType]: user.organisation.type,
    org_name: user.organisation.name,
    [CLAIMS.roles]: [...user.roles],
    [CLAIMS.tenant]: user.organisation.tenant,
    [CLAIMS.municipalities]: [...user.organisation.municipalities],
  };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The provider's user store: in memory, seeded with the demo users; tests add and delete users through it. */
export class UserDirectory {
  private readonly byId = new Map<string, UserRecord>();

  constructor(users: readonly NewUser[] = []) {
    for (const user of users) this.add(user);
  }

  add(user: NewUser): UserRecord {
    if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(user.username)) throw new Error(`username "${user.username}" must be 2-64 of a-z 0-9 . _ -`);
    if (user.roles.length === 0 || !user.roles.every((r) => (ROLES as readonly string[]).includes(r))) {
      throw new Error(`roles must be some of ${ROLES.join(', ')}`);
    }
    const record: UserRecord = { ...user, id: subjectOf(user.username) };
    this.byId.set(record.id, record);
    return record;
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  get(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  list(): UserRecord[] {
    return [...this.byId.values()];
  }

  /** The user whose username and password these are; compares in constant time. */
  authenticate(username: string, password: string): UserRecord | undefined {
    const user = this.byId.get(subjectOf(username));
    if (!user) {
      timingSafeEqual(digest(password), digest(password));
      return undefined;
    }
    return timingSafeEqual(digest(password), digest(user.password)) ? user : undefined;
  }
}

export const DEMO_PASSWORD = 'demo';

const demo = (username: string, name: string, organisation: OrganisationRecord, ...roles: Role[]): NewUser => ({
  username,
  name,
  organisation,
  roles,
  password: DEMO_PASSWORD,
});

const O = ORGANISATIONS;

/**
 * One user per role and organisation of the demo data. All fictional. The seed logs in as them too, so what the
 * demo contains was created by someone allowed to.
 */
export const DEMO_USERS: readonly NewUser[] = [
  demo('admin.skane', 'Karin Admin', O.regionSkane, 'admin'),
  demo('admin.vg', 'Per Admin', O.vastraGotaland, 'admin'),
  demo('analyst.skane', 'Omar Analytiker', O.regionSkane, 'analyst'),
  demo('analyst.fh', 'Eva Analytiker', O.familjenHelsingborg, 'analyst'),
  demo('analyst.vg', 'Ida Analytiker', O.vastraGotaland, 'analyst'),
  demo('coordinator.fh', 'Maria Koordinator', O.familjenHelsingborg, 'coordinator'),
  demo('coordinator.skovde', 'Johan Koordinator', O.skovde, 'coordinator'),
  demo('coordinator.af', 'Leila Koordinator', O.arbetsformedlingenSkane, 'coordinator'),
  demo('hr.skovde', 'Sara HR', O.skovde, 'municipal-hr'),
  demo('hr.helsingborg', 'Hanna HR', O.helsingborg, 'municipal-hr'),
  demo('hr.landskrona', 'Lina HR', O.landskrona, 'municipal-hr'),
  demo('employer.skovde', 'Karl Arbetsgivare', O.skovdeEmployer, 'employer'),
  demo('employer.sundet', 'Anna Arbetsgivare', O.kok, 'employer'),
  demo('employer.omsorg', 'Erik Arbetsgivare', O.omsorg, 'employer'),
  demo('employer.lager', 'Nils Arbetsgivare', O.lager, 'employer'),
  demo('supervisor.skovde', 'Sofia Handledare', O.skovdeEmployer, 'supervisor'),
  demo('supervisor.helsingborg', 'Ali Handledare', O.helsingborgEmployer, 'supervisor'),
  demo('supervisor.landskrona', 'Greta Handledare', O.landskronaEmployer, 'supervisor'),
  demo('supervisor.omsorg', 'Fatima Handledare', O.omsorg, 'supervisor'),
  demo('supervisor.lager', 'Lars Handledare', O.lager, 'supervisor'),
  demo('supervisor.sundet', 'Mona Handledare', O.kok, 'supervisor'),
];
