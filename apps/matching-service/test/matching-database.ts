import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { SCHEMA } from '../src/config/env';
import { ENTITIES } from '../src/database/entities';
import { MIGRATIONS } from '../src/database/migrations';

/** A database of the suite's own with matching-service's schema, migrated as the service migrates it. */
export function matchingDatabase(migrations: readonly Function[] = MIGRATIONS): Promise<MediumDatabase> {
  return mediumDatabase({ schema: SCHEMA, migrations: [...migrations], entities: ENTITIES });
}
