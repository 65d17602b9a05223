import { createHmac } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { asService, currentDatabaseIdentity, DatabaseIdentity } from './database-identity';

/**
 * Tenancy in the database (docs/access-control.md, "Row-level security"). A service connects as a login role that
 * owns no table and cannot bypass row-level security; every table of its schema has RLS enabled and forced, with
 * policies on two per-transaction settings that this module sets at the start of every transaction from the caller's
 * DatabaseIdentity:
 *
 * - `jobbspar.tenants`: the caller's regions, comma-separated (`se-12`); empty for a service acting as itself;
 * - `jobbspar.service`: the service acting as itself (`candidate-service`), else empty;
 * - `jobbspar.roles`, `jobbspar.organisation`, `jobbspar.municipalities`: a person's roles, organisation id and the
 *   municipalities her organisation covers (comma-separated), for policies that decide by organisation or area;
 * - `jobbspar.actor`: the actor her writes are recorded under (`coordinator:u-…`): the events she may append and the
 *   Idempotency-Key answers that are hers.
 *
 * Both are set with set_config(…, true), so they end with the transaction: a pooled connection carries nothing into
 * the next one. Neither set means no row at all.
 */
export const TENANTS_SETTING = 'jobbspar.tenants';
export const SERVICE_SETTING = 'jobbspar.service';
export const ROLES_SETTING = 'jobbspar.roles';
export const ORGANISATION_SETTING = 'jobbspar.organisation';
export const MUNICIPALITIES_SETTING = 'jobbspar.municipalities';
export const ACTOR_SETTING = 'jobbspar.actor';

export class NoDatabaseIdentity extends Error {
  constructor(sql: string) {
    super(
      `a query ran on the service's database with no identity (not in a request with a verified principal, a consumer, ` +
        `or asService()): ${sql.replace(/\s+/g, ' ').slice(0, 120)}`,
    );
    this.name = 'NoDatabaseIdentity';
  }
}

/** The statement that sets the identity for the transaction: literals, because it rides with START TRANSACTION. */
export function identitySettingsSql(identity: DatabaseIdentity): string {
  // database-identity.ts admits only `se-NN` tenants, `[a-z0-9-]` service names, known roles, `<type>:<key>`
  // organisations of `[a-z0-9-]` and four-digit municipalities: nothing here needs quoting.
  // database-identity.ts admits actors of `<role>:<subject>` in `[A-Za-z0-9-]` only.
  const person =
    identity.roles !== undefined
      ? `, set_config('${ROLES_SETTING}', '${identity.roles.join(',')}', true), ` +
        `set_config('${ORGANISATION_SETTING}', '${identity.organisation ?? ''}', true), ` +
        `set_config('${MUNICIPALITIES_SETTING}', '${(identity.municipalities ?? []).join(',')}', true), ` +
        `set_config('${ACTOR_SETTING}', '${identity.actor ?? ''}', true)`
      : `, set_config('${ROLES_SETTING}', '', true), set_config('${ORGANISATION_SETTING}', '', true), ` +
        `set_config('${MUNICIPALITIES_SETTING}', '', true), set_config('${ACTOR_SETTING}', '', true)`;
  return (
    `SELECT set_config('${TENANTS_SETTING}', '${identity.tenants.join(',')}', true), ` +
    `set_config('${SERVICE_SETTING}', '${identity.service ?? ''}', true)${person}`
  );
}

const ISOLATION_LEVELS = ['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE'];

/**
 * Runs `work` as the service itself inside `em`'s open transaction, then gives the transaction back to the caller's
 * identity: the engine's cross-tenant work (a coordinator's acceptance re-solves the whole assignment, withdrawing
 * and creating other regions' proposals) in the same transaction as the caller's own guarded statements, so both
 * commit or neither. Say so explicitly where it happens, as with asService. Inside a service's own work already, it
 * costs nothing.
 */
export async function asServiceWithin<T>(
  em: Pick<EntityManager, 'query' | 'queryRunner'>,
  service: string,
  work: () => Promise<T>,
): Promise<T> {
  const outer = currentDatabaseIdentity();
  if (outer?.service === service && outer.tenants.length === 0) return work();
  // No identity around: no guarded transaction either (one cannot start without), so there is nothing to switch.
  if (!outer) return asService(service, work);
  if (!em.queryRunner?.isTransactionActive) throw new Error('asServiceWithin needs an open transaction');
  await em.query(identitySettingsSql({ tenants: [], service }));
  const result = await asService(service, work);
  // Not in a finally: after a failed statement the transaction is aborted and rolls back anyway.
  await em.query(identitySettingsSql(outer));
  return result;
}

type GuardedRunner = QueryRunner & { transactionDepth: number };
type Query = QueryRunner['query'];
type RawQuery = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

const guarded = new WeakSet<DataSource>();

export function isGuarded(dataSource: DataSource): boolean {
  return guarded.has(dataSource);
}

/**
 * Makes every query on this DataSource run inside a transaction that carries the current identity:
 * - `START TRANSACTION` of an outer transaction is sent together with the settings, in one round trip;
 * - a statement outside a transaction (dataSource.query, a repository's find) is wrapped in a transaction of its
 *   own, so the settings apply to it too;
 * - with no identity at all the query is refused (NoDatabaseIdentity) rather than run and silently see nothing.
 * Once per DataSource, in libs/platform, for every service alike: no repository or handler takes part in it.
 */
export function guardDataSource(dataSource: DataSource): DataSource {
  if (guarded.has(dataSource)) return dataSource;
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: string) => guardRunner(createQueryRunner(mode) as GuardedRunner);
  guarded.add(dataSource);
  return dataSource;
}

function guardRunner(runner: GuardedRunner): QueryRunner {
  const query = runner.query.bind(runner) as RawQuery;
  // TypeORM sends an isolation level as SET TRANSACTION after START, which must come before any other statement:
  // here it becomes part of START TRANSACTION, ahead of the settings.
  let isolation: string | undefined;
  const startTransaction = runner.startTransaction.bind(runner);
  runner.startTransaction = async (level) => {
    if (!level || runner.transactionDepth > 0) return startTransaction(level);
    if (!ISOLATION_LEVELS.includes(level)) throw new Error(`not an isolation level: ${level}`);
    isolation = level;
    try {
      return await startTransaction();
    } finally {
      isolation = undefined;
    }
  };
  const guardedQuery = async (sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown> => {
    if (sql === 'START TRANSACTION' && runner.transactionDepth === 0) {
      const identity = currentDatabaseIdentity();
      if (!identity) throw new NoDatabaseIdentity('the transaction this statement starts');
      const start = isolation ? `START TRANSACTION ISOLATION LEVEL ${isolation}` : 'START TRANSACTION';
      return query(`${start}; ${identitySettingsSql(identity)}`, undefined, structured);
    }
    if (/^SET TRANSACTION/i.test(sql)) {
      // The settings are the transaction's first statement; an isolation level is part of START (above).
      throw new Error('SET TRANSACTION is not supported on a guarded DataSource: pass the isolation level to transaction()');
    }
    if (runner.isTransactionActive) return query(sql, parameters, structured);
    if (!currentDatabaseIdentity()) throw new NoDatabaseIdentity(sql);
    await runner.startTransaction();
    try {
      const result = await query(sql, parameters, structured);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  };
  runner.query = guardedQuery as Query;
  return runner;
}

/** The login role a service connects as: its name, and the URL to connect with. */
export interface ServiceRole {
  name: string;
  url: string;
}

/**
 * The service's login role when the operator named none: `jobbspar_<schema>`, with a password derived from the
 * owner's credentials and server (the same on every start, in every process and for every database of the server, so
 * replicas and parallel test suites agree on it).
 */
export function derivedServiceRole(ownerUrl: string, schema: string): ServiceRole {
  const name = `jobbspar_${schema}`;
  const url = new URL(ownerUrl);
  // Roles are the server's, not a database's: the same for every database on it (each test suite has its own).
  const owner = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}@${url.hostname}:${url.port}`;
  const password = createHmac('sha256', owner).update(name).digest('hex');
  url.username = name;
  url.password = password;
  return { name, url: url.toString() };
}

/** The role a service connects as: the operator's (DATABASE_SERVICE_URL), else the derived `jobbspar_<schema>`. */
export function serviceRoleFor(ownerUrl: string, schema: string, serviceUrl?: string): ServiceRole {
  return serviceUrl ? serviceRoleOfUrl(serviceUrl) : derivedServiceRole(ownerUrl, schema);
}

export function serviceRoleOfUrl(serviceUrl: string): ServiceRole {
  const name = decodeURIComponent(new URL(serviceUrl).username);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`the service's database user "${name}" is not a plain role name`);
  return { name, url: serviceUrl };
}

/**
 * Creates the derived role as the owner (which needs CREATEROLE; a superuser in the embedded server): LOGIN, and
 * nothing more: no superuser, no BYPASSRLS, no CREATEDB, no CREATEROLE. An existing role is left as it is and
 * checked by assertServiceRole on connecting.
 */
export async function ensureServiceRole(owner: DataSource, role: ServiceRole): Promise<void> {
  const exists: unknown[] = await owner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role.name]);
  if (exists.length > 0) return;
  const password = new URL(role.url).password;
  if (!/^[0-9a-f]{64}$/.test(password)) throw new Error('a derived service role has a hex password');
  try {
    await owner.query(
      `CREATE ROLE "${role.name}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '${password}'`,
    );
  } catch (error) {
    // Another process of the same service (or a parallel test suite) created it a moment ago.
    const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error;
  }
}

/** Tables a service's role never touches: TypeORM's record of applied migrations is the owner's. */
const OWNER_ONLY_TABLES = ['migrations'];

/**
 * What the service's role may do with a table: only what its code does with it. The audit log is append-only for
 * everyone (libs/platform audit/); the inbox is written once per event and changed only on erasure (her id
 * replaced by her tag, or her rows deleted); erasure records are tombstones, written once. Every other table: read
 * and write rows.
 */
export function servicePrivilegesOf(table: string): readonly ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[] {
  switch (table) {
    case 'audit_log':
    case 'erasures':
      return ['SELECT', 'INSERT'];
    case 'inbox':
      return ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
    default:
      return ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
  }
}

/**
 * What the service's role may do in its schema, granted by the owner after the migrations on every start (so a new
 * table is covered without a grant in its migration, and a narrowed grant reaches tables granted more before): per
 * table as servicePrivilegesOf says, no DDL, no TRUNCATE, no triggers or references, nothing on the migrations
 * table. Nothing on any other schema: the role is granted its own only (each service's role, its own schema).
 */
export async function grantServiceRole(owner: DataSource, schema: string, role: string): Promise<void> {
  await owner.transaction(async (em) => {
    // Grants of two processes starting at once on the same tables would fail with "tuple concurrently updated".
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`grants:${schema}:${role}`]);
    const tables: { name: string }[] = await em.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
      [schema],
    );
    await em.query(`GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`);
    for (const { name } of tables) {
      await em.query(`REVOKE ALL ON "${schema}"."${name}" FROM "${role}"`);
      if (OWNER_ONLY_TABLES.includes(name)) continue;
      await em.query(`GRANT ${servicePrivilegesOf(name).join(', ')} ON "${schema}"."${name}" TO "${role}"`);
    }
    await em.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${schema}" TO "${role}"`);
  });
}

export class UnsafeServiceRole extends Error {}

/**
 * Refuses to run a service whose connection could see past row-level security: a superuser or BYPASSRLS role, or
 * one that owns a table or the schema (an owner is exempt from RLS unless forced, and may switch it off).
 */
export async function assertServiceRole(service: DataSource, schema: string): Promise<void> {
  const [role]: { name: string; superuser: boolean; bypass: boolean; owned: number }[] = await service.query(
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
            (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid)
          + (SELECT count(*)::int FROM pg_namespace n WHERE n.nspowner = r.oid AND n.nspname = $1) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    [schema],
  );
  const problems = [
    role.superuser && 'is a superuser',
    role.bypass && 'has BYPASSRLS',
    role.owned > 0 && `owns ${role.owned} table(s) or the schema`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new UnsafeServiceRole(
      `the service's database role "${role.name}" ${problems.join(', ')}: it must be a plain LOGIN role that row-level security ` +
        `applies to (DATABASE_SERVICE_URL names it; DATABASE_URL is the owner, for migrations)`,
    );
  }
}

// ---- for migrations -------------------------------------------------------------------------------------------

/**
 * SQL of the policies' conditions, for a service's own identity named `service`. Each setting is read in a scalar
 * subquery, which PostgreSQL evaluates once per statement (an InitPlan) rather than once per row it filters.
 */
export interface RlsConditions {
  /** The row's tenant (an expression of `se-NN`) is one of the caller's, or the service acts as itself. */
  tenantIn(expression: string): string;
  /** Anyone identified: a person with a tenant, or the service itself. */
  identified: string;
  /** The service acting as itself. */
  self: string;
  /** A person holding this role (never the service: combine with `self` where it should pass too). */
  hasRole(role: string): string;
  /** The caller's organisation id (`employer:556712-3459`) equals the expression. */
  organisationIs(expression: string): string;
  /**
   * The key of the caller's organisation when it is of this type (`556712-3459` for `employer`), else null: compared
   * with a plain column (`e.organisation_number = …`), an index can find the row.
   */
  organisationKey(type: string): string;
  /** The expression (a municipality code) is one her organisation covers. */
  municipalityIn(expression: string): string;
  /** The expression is the actor the caller's writes are recorded under (never true without one). */
  actorIs(expression: string): string;
}

const settingArray = (setting: string): string =>
  // Cast: `= ANY (subquery)` would compare with each row of the subquery, not with the elements of its one array.
  `CAST((SELECT string_to_array(current_setting('${setting}', true), ',')) AS text[])`;

export function rlsConditions(service: string): RlsConditions {
  const self = `(SELECT current_setting('${SERVICE_SETTING}', true)) = '${service}'`;
  return {
    self: `(${self})`,
    identified: `((SELECT coalesce(current_setting('${TENANTS_SETTING}', true), '')) <> '' OR ${self})`,
    tenantIn: (expression) => `(${expression} = ANY (${settingArray(TENANTS_SETTING)}) OR ${self})`,
    hasRole: (role) => {
      if (!/^[a-z-]+$/.test(role)) throw new Error(`not a role: ${role}`);
      return `('${role}' = ANY (${settingArray(ROLES_SETTING)}))`;
    },
    organisationIs: (expression) => `(${expression} = (SELECT nullif(current_setting('${ORGANISATION_SETTING}', true), '')))`,
    organisationKey: (type) => {
      if (!/^[a-z-]+$/.test(type)) throw new Error(`not an organisation type: ${type}`);
      const setting = `current_setting('${ORGANISATION_SETTING}', true)`;
      return `(SELECT CASE WHEN starts_with(${setting}, '${type}:') THEN substr(${setting}, ${type.length + 2}) END)`;
    },
    municipalityIn: (expression) => `(${expression} = ANY (${settingArray(MUNICIPALITIES_SETTING)}))`,
    actorIs: (expression) => `(${expression} = (SELECT nullif(current_setting('${ACTOR_SETTING}', true), '')))`,
  };
}

/**
 * How a table's rows are shared out:
 * - `tenant`: a row is its tenant's (the column or expression holding `se-NN`), and the service's;
 * - `outbox`: see OUTBOX_RLS_RULE;
 * - `through`: a row goes with its parent row (`parent` table, joined on `key`): visible, and insertable, exactly
 *   when the parent is (`parentKey` when the parent names it otherwise), and the service's own whether or not;
 * - `service`: the consumers' own bookkeeping that no caller reads (erasure tombstones of a projection);
 * - `reference`: read models of another service's public data (workplaces, roles, needs): anyone identified reads
 *   them, only the service itself (its consumers) writes them;
 * - `identified`: platform rows with no tenant of their own that any identified caller may use (erasure records,
 *   which hold an id and a time);
 * - `idempotency`: a recorded Idempotency-Key answer is its caller's (the row's `actor` is her transaction's) and the
 *   service's (the sweep, erasure): nobody reads, completes or forgets another's, whatever the code's filter says;
 * - `inbox`: the consumers' record of applied events: the service's alone (an erasure in a coordinator's command
 *   forgets her entries as the service, explicitly: asServiceWithin; candidate-service replaces her id by her tag);
 * - `audit`: an entry is read by its tenant's admins (GET /audit/<service>), appended only by the service (AuditLog
 *   writes as the service), never changed (a trigger);
 * - `roles`: rows with no tenant of their own that only persons holding one of `roles` use (candidate-service's
 *   erasure records: a tag and a time, read and written by the coordinators who erase), and the service;
 * - `shared`: a tenant's rows that the whole system may read by design (employer-service's employers, roles and
 *   needs, which it publishes to every service as events; coordinators match across regions): read by anyone
 *   identified, written only where `writable` holds (built with rlsConditions, e.g. the row's tenant is the caller's);
 * - `owned`: a row read and written by whoever `visible` names (built with rlsConditions: matching's proposals are
 *   the need's employer's and the coordinators'), and by the service itself.
 */
/**
 * Every service's outbox: an event is read (and forgotten on erasure) by its envelope's tenant and the service; the
 * national tenant's (`se`) by anyone identified; marked published only by the service (the relay). Appended by the
 * service, and by a person only under her own name: the envelope's actor is her transaction's (`jobbspar.actor`), so
 * a handler cannot write an event in someone else's name, nor one without a verified caller. Not by tenant: an
 * event's tenant is its aggregate's, which may be another region's than the caller's (a need of a Västra Götaland
 * employer at a workplace in Norrbotten, posted by Västra Götaland's admin; a Skåne coordinator's acceptance of a
 * proposal for a need in Skaraborg).
 */
export const OUTBOX_RLS_RULE = { kind: 'outbox' } as const;

export type RlsRule =
  | { kind: 'tenant'; column: string }
  | { kind: 'through'; parent: string; key: string; parentKey?: string }
  | { kind: 'service' }
  | { kind: 'reference' }
  | { kind: 'identified' }
  | { kind: 'idempotency' }
  | { kind: 'inbox' }
  | { kind: 'audit' }
  | { kind: 'roles'; roles: readonly string[] }
  | { kind: 'outbox' }
  | { kind: 'shared'; writable: string }
  | { kind: 'owned'; visible: string };

/**
 * The platform's tables whose rows a person writes under her own name (migration 1764621000000 of every service): the
 * outbox (events appended only in her name) and the idempotency keys (answers recorded, read and completed only by
 * her).
 */
export const CALLER_BOUND_RLS = {
  outbox: OUTBOX_RLS_RULE,
  idempotency_keys: { kind: 'idempotency' },
} as const satisfies Readonly<Record<string, RlsRule>>;

/**
 * The outbox relay's position (libs/messaging OutboxRelay, migration 1764692000000 of every service): read by anyone
 * identified (an erasure in a coordinator's transaction decides by it which of her rows were sent), moved only by the
 * service's relay.
 */
export const OUTBOX_RELAY_RLS = { outbox_relay: { kind: 'reference' } } as const satisfies Readonly<Record<string, RlsRule>>;

/** The rate limiter's counts (http/rate-limit-store.ts): the service's alone, whoever's request it counts. */
export const RATE_LIMIT_RLS = { rate_limits: { kind: 'service' } } as const satisfies Readonly<Record<string, RlsRule>>;

function policiesOf(schema: string, table: string, service: string, rule: RlsRule): string[] {
  const c = rlsConditions(service);
  const on = `ON "${schema}"."${table}"`;
  switch (rule.kind) {
    case 'tenant': {
      const visible = c.tenantIn(rule.column);
      return [`CREATE POLICY tenant_rows ${on} USING ${visible} WITH CHECK ${visible}`];
    }
    case 'through': {
      // The service itself, too, when the parent is not there (yet): consumers apply facets in whatever order the
      // topics deliver them (a follow-up's checkpoint before the person's registration, on a replay).
      const visible = `(${c.self} OR EXISTS (SELECT 1 FROM "${schema}"."${rule.parent}" p WHERE p."${rule.parentKey ?? rule.key}" = "${table}"."${rule.key}"))`;
      return [`CREATE POLICY with_parent ${on} USING ${visible} WITH CHECK ${visible}`];
    }
    case 'reference':
      return [
        `CREATE POLICY read_by_identified ${on} FOR SELECT USING ${c.identified}`,
        `CREATE POLICY written_by_service ${on} USING ${c.self} WITH CHECK ${c.self}`,
      ];
    case 'service':
      return [`CREATE POLICY service_only ${on} USING ${c.self} WITH CHECK ${c.self}`];
    case 'identified':
      return [`CREATE POLICY identified ${on} USING ${c.identified} WITH CHECK ${c.identified}`];
    case 'idempotency': {
      const own = `(${c.self} OR (${c.identified} AND ${c.actorIs('actor')}))`;
      return [
        // Keys recorded before they were tied to their caller (actor '') are gone (migration 1764691000000): no row
        // is anyone's but its caller's and the service's.
        `CREATE POLICY read_own ${on} FOR SELECT USING ${own}`,
        `CREATE POLICY recorded_own ${on} FOR INSERT WITH CHECK ${own}`,
        `CREATE POLICY completed_own ${on} FOR UPDATE USING ${own} WITH CHECK ${own}`,
        `CREATE POLICY forgotten_own ${on} FOR DELETE USING ${own}`,
      ];
    }
    case 'inbox':
      return [`CREATE POLICY service_only ${on} USING ${c.self} WITH CHECK ${c.self}`];
    case 'roles': {
      const visible = `(${c.self} OR ${rule.roles.map((role) => c.hasRole(role)).join(' OR ')})`;
      return [`CREATE POLICY by_roles ${on} USING ${visible} WITH CHECK ${visible}`];
    }
    case 'shared': {
      const writable = `(${c.identified} AND ${rule.writable})`;
      return [
        `CREATE POLICY read_by_identified ${on} FOR SELECT USING ${c.identified}`,
        `CREATE POLICY written_by_tenant ${on} USING ${writable} WITH CHECK ${writable}`,
      ];
    }
    case 'owned': {
      const visible = `(${c.self} OR (${c.identified} AND ${rule.visible}))`;
      return [`CREATE POLICY owned ${on} USING ${visible} WITH CHECK ${visible}`];
    }
    case 'outbox': {
      const tenant = `(envelope->>'tenant')`;
      const visible = `(${c.tenantIn(tenant)} OR (${tenant} = 'se' AND ${c.identified}))`;
      return [
        `CREATE POLICY read_by_tenant ${on} FOR SELECT USING ${visible}`,
        `CREATE POLICY published_by_service ${on} FOR UPDATE USING ${c.self} WITH CHECK ${c.self}`,
        `CREATE POLICY forgotten_by_tenant ${on} FOR DELETE USING ${visible}`,
        `CREATE POLICY appended_under_own_name ${on} FOR INSERT WITH CHECK (${c.self} OR (${c.identified} AND ${c.actorIs(`(envelope->>'actor')`)}))`,
      ];
    }
    case 'audit':
      return [
        `CREATE POLICY read_by_tenant_admins ${on} FOR SELECT USING (${c.self} OR (${c.hasRole('admin')} AND ${c.tenantIn('tenant')}))`,
        `CREATE POLICY appended_by_service ${on} FOR INSERT WITH CHECK ${c.self}`,
      ];
  }
}

/**
 * In a migration (run as the owner): enables and forces row-level security on each table with its rule's policies.
 * FORCE makes the policies hold for the table's owner too (a superuser still bypasses them: services never connect
 * as one, assertServiceRole sees to that).
 */
export async function enableRowLevelSecurity(
  q: QueryRunner,
  schema: string,
  service: string,
  tables: Readonly<Record<string, RlsRule>>,
): Promise<void> {
  for (const [table, rule] of Object.entries(tables)) {
    await q.query(`ALTER TABLE "${schema}"."${table}" ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "${schema}"."${table}" FORCE ROW LEVEL SECURITY`);
    for (const policy of policiesOf(schema, table, service, rule)) await q.query(policy);
  }
}

/**
 * In a migration: replaces the policies of tables that have row-level security already with those of their rules now
 * (a rule narrowed in this module reaches schemas migrated before).
 */
export async function reapplyRowLevelSecurity(
  q: QueryRunner,
  schema: string,
  service: string,
  tables: Readonly<Record<string, RlsRule>>,
): Promise<void> {
  for (const [table, rule] of Object.entries(tables)) {
    await dropPolicies(q, schema, table);
    for (const policy of policiesOf(schema, table, service, rule)) await q.query(policy);
  }
}

async function dropPolicies(q: QueryRunner, schema: string, table: string): Promise<void> {
  const policies: { name: string }[] = await q.query(
    `SELECT policyname AS name FROM pg_policies WHERE schemaname = $1 AND tablename = $2`,
    [schema, table],
  );
  for (const { name } of policies) await q.query(`DROP POLICY "${name}" ON "${schema}"."${table}"`);
}

export async function disableRowLevelSecurity(q: QueryRunner, schema: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await dropPolicies(q, schema, table);
    await q.query(`ALTER TABLE "${schema}"."${table}" NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "${schema}"."${table}" DISABLE ROW LEVEL SECURITY`);
  }
}
