import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomInt } from 'node:crypto';
import { SCHEMA } from '../src/config/env';
import { ENTITIES } from '../src/database/entities';
import { MIGRATIONS } from '../src/database/migrations';
import { luhnValid } from '../src/employers/domain/organisation-number';

/** A database of the suite's own with employer-service's schema, migrated as the service migrates it. */
export function employerDatabase(): Promise<MediumDatabase> {
  return mediumDatabase({ schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES });
}

/** A fresh, valid organisation number of a legal entity (group 2 is a municipality's). */
export function organisationNumber(group: 2 | 5 = 5): string {
  const nine = `${group}${randomInt(0, 10)}${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const check = [...Array(10).keys()].find((d) => luhnValid(`${nine}${d}`))!;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${check}`;
}
