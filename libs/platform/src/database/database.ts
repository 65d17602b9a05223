import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { describeErrorSafely } from '../errors/safe-description';
import { AuditEntrySubscriber } from '../audit/audit-transaction';
import { IdempotencyClaimSubscriber } from '../http/idempotency';
import { JsonLogger } from '../logging/json-logger';
import { asService } from './database-identity';
import { assertServiceRole, ensureServiceRole, grantServiceRole, guardDataSource, ServiceRole, serviceRoleFor } from './row-level-security';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
  /**
   * Row-level security (row-level-security.ts): `url` is then the owner's, used only for the migrations and the
   * service role's grants; the service connects as its own login role, from `serviceUrl` (DATABASE_SERVICE_URL) or,
   * without one, as `jobbspar_<schema>`, which the owner creates (it needs CREATEROLE, as the embedded server's has).
   */
  rowLevelSecurity?: { service: string; serviceUrl?: string };
}

/** TypeORM needs the schema to exist before it can create its migrations table there. */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // Claims a request's Idempotency-Key and writes its audit entry inside its writing transaction
    // (http/idempotency.ts, audit/audit-transaction.ts).
    subscribers: [IdempotencyClaimSubscriber, AuditEntrySubscriber],
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      // The service's schema first, so raw SQL may name its own tables unqualified.
      options: `-c search_path=${options.schema},public`,
      connectionTimeoutMillis: 10_000,
    },
  };
}

/**
 * Connects, runs pending migrations and guards the pool: a PostgreSQL restart makes idle clients emit 'error',
 * which would crash Node if nobody listened (node-postgres#2762). With row-level security the migrations run on a
 * short-lived owner connection and the returned DataSource is the service role's, guarded (guardDataSource).
 */
export async function openServiceDatabase(options: ServiceDatabaseOptions, logger = new JsonLogger('database')): Promise<DataSource> {
  await ensureSchema(options.url, options.schema);
  const rls = options.rowLevelSecurity;
  const owner = new DataSource(serviceDataSourceOptions({ ...options, poolSize: rls ? 2 : options.poolSize }));
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    if (applied.length) logger.write('info', 'migrations applied', { schema: options.schema, migrations: applied.map((m) => m.name) });
    if (!rls) {
      watchPool(owner, options.schema, logger);
      return owner;
    }
    const role: ServiceRole = serviceRoleFor(options.url, options.schema, rls.serviceUrl);
    if (!rls.serviceUrl) await ensureServiceRole(owner, role);
    await grantServiceRole(owner, options.schema, role.name);
    const service = guardDataSource(new DataSource(serviceDataSourceOptions({ ...options, url: role.url })));
    // TypeORM's own start-up queries (version, extensions) run as the service.
    await asService(rls.service, () => service.initialize());
    try {
      await asService(rls.service, () => assertServiceRole(service, options.schema));
    } catch (error) {
      await service.destroy();
      throw error;
    }
    watchPool(service, options.schema, logger);
    logger.write('info', 'connected with row-level security', { schema: options.schema, role: role.name });
    return service;
  } catch (error) {
    // A failed migration stops the start: the pool must not outlive it (it would keep the process from exiting).
    if (!rls) await owner.destroy().catch(() => undefined);
    throw error;
  } finally {
    if (rls) await owner.destroy();
  }
}

function watchPool(dataSource: DataSource, schema: string, logger: JsonLogger): void {
  const pool = (dataSource.driver as unknown as { master?: { on(event: string, fn: (e: Error) => void): void } }).master;
  pool?.on('error', (error) => logger.write('warn', 'idle database client failed', { schema, error: describeErrorSafely(error) }));
}

/** Parses a DATABASE_URL-style string for messages that must not show the password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
