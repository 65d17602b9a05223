import { AsyncLocalStorage } from 'node:async_hooks';
import { actorOf, ROLES, type Principal } from '../auth/principal';

/**
 * Whom the database sees acting: the tenants (regions) a person's rows may come from, or the service itself. Every
 * transaction on a service's database connection carries it as per-transaction settings (`jobbspar.tenants`,
 * `jobbspar.service`, see row-level-security.ts), and the row-level security policies of the service's tables read
 * them: a query whose own filter is wrong still sees only the caller's tenant.
 */
export interface DatabaseIdentity {
  /** Regions `se-<county>` whose rows the caller may see. Empty for a service acting as itself. */
  readonly tenants: readonly string[];
  /** A service acting as itself (consumers, the outbox relay, start-up work): sees every row of its own schema. */
  readonly service?: string;
  /**
   * A person's roles, organisation (`employer:556712-3459`) and the municipalities her organisation covers, from her
   * verified token: for policies that decide by organisation or area rather than by region (matching-service's
   * proposals and placements, which are the need's employer's and the candidate's coordinators'). Empty otherwise.
   */
  readonly roles?: readonly string[];
  readonly organisation?: string;
  readonly municipalities?: readonly string[];
  /**
   * The actor a person's writes are recorded under (`coordinator:u-4889789c1b9912ac`, as in events and audit rows):
   * what she may append to the outbox and whose Idempotency-Key answers are hers.
   */
  readonly actor?: string;
}

/** What the store holds: an identity set explicitly, or the HTTP request whose verified principal decides. */
type IdentitySource = { identity: DatabaseIdentity } | { request: { principal?: Principal } };

const storage = new AsyncLocalStorage<IdentitySource>();

const TENANT = /^se-\d{2}$/;
const SERVICE = /^[a-z][a-z0-9-]{1,40}$/;
const ORGANISATION = /^[a-z-]{2,30}:[a-z0-9-]{1,60}$/;
const MUNICIPALITY = /^\d{4}$/;
const ACTOR = /^[a-z][a-z-]{1,30}:[A-Za-z0-9-]{1,64}$/;

function checked(identity: DatabaseIdentity): DatabaseIdentity {
  // They become literals of a SET statement (row-level-security.ts): nothing but these shapes may get there.
  for (const tenant of identity.tenants) if (!TENANT.test(tenant)) throw new Error(`not a tenant: ${JSON.stringify(tenant)}`);
  if (identity.service !== undefined && !SERVICE.test(identity.service)) {
    throw new Error(`not a service name: ${JSON.stringify(identity.service)}`);
  }
  for (const role of identity.roles ?? []) {
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`not a role: ${JSON.stringify(role)}`);
  }
  if (identity.organisation !== undefined && !ORGANISATION.test(identity.organisation)) {
    throw new Error(`not an organisation: ${JSON.stringify(identity.organisation)}`);
  }
  for (const m of identity.municipalities ?? []) if (!MUNICIPALITY.test(m)) throw new Error(`not a municipality: ${JSON.stringify(m)}`);
  if (identity.actor !== undefined && !ACTOR.test(identity.actor)) throw new Error(`not an actor: ${JSON.stringify(identity.actor)}`);
  const person =
    identity.roles?.length || identity.organisation !== undefined || identity.municipalities?.length || identity.actor !== undefined;
  return {
    tenants: [...identity.tenants],
    service: identity.service,
    ...(person
      ? {
          roles: [...(identity.roles ?? [])],
          organisation: identity.organisation,
          municipalities: [...(identity.municipalities ?? [])],
          actor: identity.actor,
        }
      : {}),
  };
}

/**
 * Per principal (the token verifier hands the same one to every request with the same token): checked and frozen
 * once, not on every query and every page look-up of a request.
 */
const identities = new WeakMap<Principal, DatabaseIdentity>();

function frozen(identity: DatabaseIdentity): DatabaseIdentity {
  for (const value of Object.values(identity)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(identity);
}

/** The identity a verified principal acts with: her region, roles, organisation and area, or the calling service's own name. */
export function identityOfPrincipal(principal: Principal): DatabaseIdentity {
  let identity = identities.get(principal);
  if (!identity) {
    identity = frozen(
      principal.service
        ? checked({ tenants: [], service: principal.service })
        : checked({
            tenants: [principal.tenant],
            roles: principal.roles,
            organisation: principal.organisation.id,
            municipalities: principal.municipalities,
            actor: actorOf(principal),
          }),
    );
    identities.set(principal, identity);
  }
  return identity;
}

/** Runs `work` with this identity for every database transaction it starts. */
export function actAs<T>(identity: DatabaseIdentity, work: () => T): T {
  return storage.run({ identity: checked(identity) }, work);
}

/**
 * Runs `work` as the service itself: what consumers, the outbox relay, health checks and start-up work do. Say so
 * explicitly where it happens; a person's request never gets it implicitly.
 */
export function asService<T>(service: string, work: () => T): T {
  return actAs({ tenants: [], service }, work);
}

/** Runs `work` as a caller of these tenants only (a service identity answering for the one region it asked about). */
export function asTenants<T>(tenants: readonly string[], work: () => T): T {
  return actAs({ tenants }, work);
}

/** The identity of the current async context: undefined outside any (then a guarded database refuses to run). */
export function currentDatabaseIdentity(): DatabaseIdentity | undefined {
  const source = storage.getStore();
  if (!source) return undefined;
  if ('identity' in source) return source.identity;
  return source.request.principal ? identityOfPrincipal(source.request.principal) : undefined;
}

/**
 * Fastify preHandler hook: the rest of the request (Nest's guards, interceptors and handler) runs with the identity of
 * its principal, once AuthGuard has verified one on this same request object (read when a query runs, so the guards
 * decide). A preHandler, after the body is parsed: the parser calls on from stream events, outside the async context
 * of earlier hooks.
 */
export function databaseIdentityHook(request: object, _reply: unknown, done: () => void): void {
  storage.run({ request: request as { principal?: Principal } }, done);
}
