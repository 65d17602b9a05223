import {
  actAs,
  asService,
  ensureSchema,
  JsonLogger,
  openServiceDatabase,
  serviceDataSourceOptions,
  ServiceDatabaseOptions,
} from '@jobbspar/platform';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** What a service's database is made of: its schema and its migrations (and TypeORM entities, if it has any). */
export type ServiceSchema = Pick<ServiceDatabaseOptions, 'schema' | 'migrations'> & Partial<Pick<ServiceDatabaseOptions, 'entities'>>;

/** A suite's own database on the run's PostgreSQL server, migrated to the service's current schema. */
export interface MediumDatabase {
  readonly dataSource: DataSource;
  readonly url: string;
  /** Runs `work` in a transaction, as a handler would, and commits it. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** Raw SQL outside any transaction: to seed rows or read back what a repository wrote. */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('medium specs need the PostgreSQL server of the jest global setup: run them with `npm run test:medium`');
  return url;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database of the suite's own on the server the medium tier's global setup started (or DATABASE_URL)
 * and runs the service's migrations in it, exactly as the service does at start-up. Suites never see each other's
 * rows, so they run in parallel; `close()` in `afterAll` leaves nothing behind.
 */
export async function mediumDatabase(service: ServiceSchema): Promise<MediumDatabase> {
  const server = serverUrl();
  const name = `medium_${service.schema}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  await onServer(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: url.toString(),
      schema: service.schema,
      migrations: service.migrations,
      entities: service.entities ?? [],
      poolSize: 4,
    }),
  );
  try {
    await ensureSchema(url.toString(), service.schema);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  return {
    dataSource,
    url: url.toString(),
    transaction: (work) => dataSource.transaction(work),
    query: (sql, parameters) => dataSource.query(sql, parameters),
    close: async () => {
      await dataSource.destroy();
      await onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/**
 * The suite's database as the service sees it under row-level security: its own login role (created and granted by
 * the owner as at start-up) through the guarded DataSource of libs/platform. Destroy it before `db.close()`.
 */
export async function serviceRoleDataSource(db: MediumDatabase, service: ServiceSchema & { service: string }): Promise<DataSource> {
  return openServiceDatabase(
    {
      url: db.url,
      schema: service.schema,
      migrations: service.migrations,
      entities: service.entities ?? [],
      poolSize: 2,
      rowLevelSecurity: { service: service.service },
    },
    new JsonLogger('medium-database'),
  );
}

export interface TableSecurity {
  table: string;
  rowSecurity: boolean;
  forced: boolean;
  owner: string;
}

/** Every table of the schema with its row-level security flags and owner, from pg_class (not from our own list). */
export async function tableSecurity(db: MediumDatabase, schema: string): Promise<TableSecurity[]> {
  return db.query<TableSecurity>(
    `SELECT c.relname AS "table", c.relrowsecurity AS "rowSecurity", c.relforcerowsecurity AS forced, pg_get_userbyid(c.relowner) AS owner
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [schema],
  );
}

/** What a service's schema and role look like from the catalogue, for the row-level security specs of each service. */
export interface RowLevelSecurityFindings {
  /** Tables of the schema without row-level security enabled and forced (but TypeORM's migrations record). */
  unprotected: string[];
  tables: string[];
  role: { name: string; superuser: boolean; bypass: boolean; owned: number };
  /** What the role may do with each table of its schema, sorted (the migrations record: nothing). */
  privileges: Record<string, string[]>;
  /** Other schemas of the database the role may use or create in (another service's schema with tables). */
  foreignSchemas: string[];
}

/** A schema of another service beside this one, as the owner makes it in a shared database. */
const PROBE_SCHEMA = 'probe_other_service';

export async function rowLevelSecurityFindings(
  db: MediumDatabase,
  service: DataSource,
  schema: string,
  serviceName: string,
): Promise<RowLevelSecurityFindings> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${PROBE_SCHEMA}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${PROBE_SCHEMA}.rows (id int PRIMARY KEY)`);
  const tables = await tableSecurity(db, schema);
  const [role] = await asService(serviceName, () =>
    service.query(
      `SELECT current_user AS name, rolsuper AS superuser, rolbypassrls AS bypass,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid)
            + (SELECT count(*)::int FROM pg_namespace n WHERE n.nspowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = current_user`,
    ),
  );
  const granted = await db.query<{ table: string; privilege: string }>(
    `SELECT c.relname AS "table", p.privilege FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege)
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND has_table_privilege($2, c.oid, p.privilege)
      ORDER BY 1, 2`,
    [schema, role.name],
  );
  const privileges: Record<string, string[]> = Object.fromEntries(tables.map((t) => [t.table, [] as string[]]));
  for (const { table, privilege } of granted) privileges[table].push(privilege);
  const foreign = await db.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n
      WHERE n.nspname <> $1 AND left(n.nspname, 3) <> 'pg_' AND n.nspname <> 'information_schema'
        AND (has_schema_privilege($2, n.oid, 'CREATE')
             OR (has_schema_privilege($2, n.oid, 'USAGE') AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p'))))
      ORDER BY 1`,
    [schema, role.name],
  );
  return {
    // TypeORM's record of applied migrations is the owner's alone: the role has no privilege on it at all.
    unprotected: tables.filter((t) => t.table !== 'migrations' && !(t.rowSecurity && t.forced)).map((t) => t.table),
    tables: tables.map((t) => t.table).filter((t) => t !== 'migrations'),
    role,
    privileges,
    foreignSchemas: foreign.map((f) => f.name),
  };
}

/**
 * What every service's schema looks like under row-level security, for `rowLevelSecurityFindings` to equal: each
 * table of the migration's rules (and only those) enabled and forced, the role `jobbspar_<schema>` neither superuser
 * nor BYPASSRLS nor owner of anything, with only the privileges its code needs (written out here, not taken from
 * libs/platform's grants, so a widened grant fails), and no way into another service's schema.
 */
export function securedSchema(role: string, ruleTables: readonly string[]): RowLevelSecurityFindings {
  const needed = (table: string): string[] => {
    if (table === 'migrations') return [];
    if (table === 'audit_log' || table === 'erasures') return ['INSERT', 'SELECT'];
    return ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
  };
  const tables = [...ruleTables].sort();
  return {
    unprotected: [],
    tables,
    role: { name: role, superuser: false, bypass: false, owned: 0 },
    privileges: Object.fromEntries([...tables, 'migrations'].sort().map((t) => [t, needed(t)])),
    foreignSchemas: [],
  };
}

/** What a person's transaction could do with the outbox and the idempotency keys of another caller (callerBoundFindings). */
export interface CallerBoundFindings {
  outbox: { ownName: boolean; anotherName: boolean; noName: boolean; withoutActor: boolean; service: boolean };
  idempotency: {
    /** The rows each caller's unfiltered SELECT returns: her own only. */
    seenByA: string[];
    seenByB: string[];
    /** Rows B's unfiltered UPDATE and DELETE touch: only her own. */
    updatedByB: number;
    deletedByB: number;
    /** B recording an answer under A's name; A's answer after B's attempts. */
    recordedInAsName: boolean;
    aAfter: { response_status: number | null } | undefined;
    seenByService: number;
    /** A key of no caller (actor '', as recorded before keys had callers) refused even to the service. */
    noCallerRefused: boolean;
  };
}

/**
 * As the service's role, under its policies: two persons of the same region and organisation (actors A and B) and
 * the service, against the outbox and the idempotency keys (libs/platform CALLER_BOUND_RLS). Leaves nothing behind.
 */
export async function callerBoundFindings(service: DataSource, schema: string, serviceName: string): Promise<CallerBoundFindings> {
  const person = (actor: string | undefined) => ({
    tenants: ['se-12'],
    roles: ['coordinator'],
    organisation: 'cooperation:familjen-helsingborg',
    municipalities: ['1283'],
    ...(actor ? { actor } : {}),
  });
  const [A, B] = ['coordinator:rls-probe-a', 'coordinator:rls-probe-b'];
  const works = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (error) {
      if (/row-level security/.test((error as Error).message)) return false;
      throw error;
    }
  };
  const append = (actor: string | undefined) =>
    service.query(
      `INSERT INTO "${schema}".outbox (event_id, topic, message_key, event_type, envelope) VALUES (gen_random_uuid(), 'probe', 'k', 'Probe', $1)`,
      [JSON.stringify({ tenant: 'se-12', ...(actor === undefined ? {} : { actor }) })],
    );
  const keys = `"${schema}".idempotency_keys`;
  const record = (actor: string, key: string) =>
    service.query(
      `INSERT INTO ${keys} (actor, key, fingerprint, completed_at, response_status, response_body) VALUES ($1, $2, 'f', now(), 201, '{}')`,
      [actor, key],
    );
  const seen = async (actor: string) =>
    (await actAs(person(actor), () => service.query(`SELECT actor || '/' || key AS row FROM ${keys} ORDER BY 1`))).map(
      (r: { row: string }) => r.row,
    );
  try {
    const outbox = {
      ownName: await works(() => actAs(person(A), () => append(A))),
      anotherName: await works(() => actAs(person(A), () => append(B))),
      noName: await works(() => actAs(person(A), () => append(undefined))),
      withoutActor: await works(() => actAs(person(undefined), () => append(A))),
      service: await works(() => asService(serviceName, () => append(B))),
    };
    await actAs(person(A), () => record(A, 'same-key'));
    await actAs(person(B), () => record(B, 'same-key'));
    let noCallerRefused = false;
    try {
      await asService(serviceName, () => record('', 'recorded-before'));
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (code !== '23514') throw error;
      noCallerRefused = true;
    }
    const seenByA = await seen(A);
    const seenByB = await seen(B);
    const [, updatedByB] = await actAs(person(B), () => service.query(`UPDATE ${keys} SET response_status = 500`));
    const recordedInAsName = await works(() => actAs(person(B), () => record(A, 'planted')));
    const [, deletedByB] = await actAs(person(B), () => service.query(`DELETE FROM ${keys}`));
    const [aAfter] = await asService(serviceName, () =>
      service.query(`SELECT response_status FROM ${keys} WHERE actor = $1 AND key = 'same-key'`, [A]),
    );
    const [{ n: seenByService }] = await asService(serviceName, () => service.query(`SELECT count(*)::int AS n FROM ${keys}`));
    return {
      outbox,
      idempotency: { seenByA, seenByB, updatedByB, deletedByB, recordedInAsName, aAfter, seenByService, noCallerRefused },
    };
  } finally {
    await asService(serviceName, async () => {
      await service.query(`DELETE FROM "${schema}".outbox WHERE topic = 'probe'`);
      await service.query(`DELETE FROM ${keys} WHERE actor IN ($1, $2, '') AND key IN ('same-key', 'recorded-before', 'planted')`, [A, B]);
    });
  }
}

/**
 * What callerBoundFindings must find in every service: a person appends events only under her own name, and reads,
 * completes and forgets only her own recorded answers; the service does all of it; a key of no caller cannot be
 * recorded at all (migration 1764691000000).
 */
export const CALLER_BOUND: CallerBoundFindings = {
  outbox: { ownName: true, anotherName: false, noName: false, withoutActor: false, service: true },
  idempotency: {
    seenByA: ['coordinator:rls-probe-a/same-key'],
    seenByB: ['coordinator:rls-probe-b/same-key'],
    updatedByB: 1,
    deletedByB: 1,
    recordedInAsName: false,
    aAfter: { response_status: 201 },
    seenByService: 1,
    noCallerRefused: true,
  },
};
