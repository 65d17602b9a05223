import { actAs, asService } from '@jobbspar/platform';
import { type MediumDatabase, serviceRoleDataSource } from '@jobbspar/testing';
import type { DataSource, QueryRunner } from 'typeorm';
import { employerDatabase } from '../../../test/employer-database';
import { SCHEMA, SERVICE_NAME } from '../../config/env';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { IdempotencyKeysOfCallersOnly1764691000000 } from './1764691000000-idempotency-keys-of-callers-only';

const PERSON = {
  tenants: ['se-12'],
  roles: ['admin'],
  organisation: 'region:12',
  municipalities: [],
  actor: 'admin:u-someone-else',
};

describe(IdempotencyKeysOfCallersOnly1764691000000.name, () => {
  let db: MediumDatabase;
  let service: DataSource;
  const migration = new IdempotencyKeysOfCallersOnly1764691000000();

  async function inTransaction(work: (runner: QueryRunner) => Promise<void>): Promise<void> {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await work(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  }

  beforeAll(async () => {
    db = await employerDatabase();
    service = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME });
  });
  afterAll(async () => {
    await service?.destroy();
    await db?.close();
  });

  it("forgets the keys recorded before keys had callers, keeps everyone's own, and refuses a key of no caller from then on", async () => {
    // Back to the schema of before: a key of no caller is possible again, and one is there beside a caller's own.
    await inTransaction((q) => migration.down(q));
    const record = (actor: string, key: string) =>
      asService(SERVICE_NAME, () =>
        service.query(
          `INSERT INTO employer.idempotency_keys (actor, key, fingerprint, completed_at, response_status, response_body)
           VALUES ($1, $2, 'f', now(), 201, '{"id":"hers"}')`,
          [actor, key],
        ),
      );
    await record('', 'recorded-before');
    await record('admin:u-owner', 'recorded-after');

    await inTransaction((q) => migration.up(q));

    const rows = await asService(SERVICE_NAME, () =>
      service.query(`SELECT actor, key FROM employer.idempotency_keys WHERE key LIKE 'recorded-%' ORDER BY key`),
    );
    expect(rows).toEqual([{ actor: 'admin:u-owner', key: 'recorded-after' }]);
    await expect(record('', 'recorded-again')).rejects.toThrow('idempotency_keys_actor_named');
    // And nobody identified reads a key that is not hers, whatever she asks for.
    expect(await actAs(PERSON, () => service.query(`SELECT key FROM employer.idempotency_keys`))).toEqual([]);
  });
});
