import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { describeErrorSafely } from '../errors/safe-description';
import { IdempotencyClaimSubscriber } from '../http/idempotency';
import { JsonLogger } from '../logging/json-logger';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
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
    // Claims a request's Idempotency-Key inside its writing transaction (http/idempotency.ts).
    subscribers: [IdempotencyClaimSubscriber],
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
 * which would crash Node if nobody listened (node-postgres#2762).
 */
export async function openServiceDatabase(options: ServiceDatabaseOptions, logger = new JsonLogger('database')): Promise<DataSource> {
  await ensureSchema(options.url, options.schema);
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  const pool = (dataSource.driver as unknown as { master?: { on(event: string, fn: (e: Error) => void): void } }).master;
  pool?.on('error', (error) =>
    logger.write('warn', 'idle database client failed', { schema: options.schema, error: describeErrorSafely(error) }),
  );
  // A failed migration stops the start: the pool must not outlive it (it would keep the process from exiting).
  const applied = await dataSource.runMigrations({ transaction: 'each' }).catch(async (error: unknown) => {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  });
  if (applied.length) logger.write('info', 'migrations applied', { schema: options.schema, migrations: applied.map((m) => m.name) });
  return dataSource;
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
