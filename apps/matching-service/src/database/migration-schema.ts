import type { QueryRunner } from 'typeorm';
import { SCHEMA } from '../config/env';

/**
 * The schema a migration builds: the data source's own (`matching` when the service runs, a scratch schema when
 * replay rebuilds the read models by running these same migrations).
 */
export function migrationSchema(q: QueryRunner): string {
  return (q.connection.options as { schema?: string }).schema ?? SCHEMA;
}
