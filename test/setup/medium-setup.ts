// A relative path: jest loads global setups without its moduleNameMapper, so @jobbspar/* does not resolve here.
import { startPostgres } from '../../libs/infra/src';

/**
 * The medium tier (repository and projector specs, `*.medium-spec.ts`) needs only PostgreSQL: one server for the
 * whole run, unless DATABASE_URL points at one. Each suite makes its own database on it (`mediumDatabase`).
 */
export default async function mediumSetup(): Promise<void> {
  const log = (entry: Record<string, unknown>): void => {
    if (entry.level === 'error' || entry.level === 'warn' || process.env.TEST_INFRA_VERBOSE)
      process.stderr.write(JSON.stringify(entry) + '\n');
  };
  const pg = process.env.DATABASE_URL ? undefined : await startPostgres({ log });
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? pg!.url;
  (globalThis as { __jobbsparInfra?: Array<() => Promise<void>> }).__jobbsparInfra = pg ? [pg.stop] : [];
}
