import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { SCHEMA } from '../src/config/env';
import { ENTITIES } from '../src/database/entities';
import { MIGRATIONS } from '../src/database/migrations';

/** A database of the suite's own with follow-up-service's schema, migrated as the service migrates it. */
export function followUpDatabase(): Promise<MediumDatabase> {
  return mediumDatabase({ schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES });
}
