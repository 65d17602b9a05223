import { asService, asTenants, PostgresRateLimitStore } from '@jobbspar/platform';
import { MediumDatabase, serviceRoleDataSource } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { employerDatabase } from '../../test/employer-database';
import { SCHEMA, SERVICE_NAME } from '../config/env';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The rate limiter's shared counts (libs/platform http/rate-limit-store.ts) as two replicas of employer-service see
 * them: two processes' pools on the service's role, one database.
 */
describe(PostgresRateLimitStore.name, () => {
  let db: MediumDatabase;
  const replicas: DataSource[] = [];
  const WINDOW_MS = 60_000;
  const LIMIT = 5;

  beforeAll(async () => {
    db = await employerDatabase();
    for (let i = 0; i < 2; i++) {
      replicas.push(await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME }));
    }
  });

  afterAll(async () => {
    for (const replica of replicas) if (replica.isInitialized) await replica.destroy();
    await db?.close();
  });

  it("counts a caller's requests on every replica against one budget, and each caller's apart", async () => {
    const [a, b] = replicas.map((r) => new PostgresRateLimitStore(r, SCHEMA, SERVICE_NAME));
    const caller = `subject:${randomUUID()}`;
    const hits = [];
    // Alternating replicas, as a load balancer would send them.
    for (let i = 0; i < LIMIT; i++) hits.push(await (i % 2 === 0 ? a : b).increment(caller, WINDOW_MS, LIMIT, 0, 'default'));
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ]);
    const refused = [await a.increment(caller, WINDOW_MS, LIMIT, 0, 'default'), await b.increment(caller, WINDOW_MS, LIMIT, 0, 'default')];
    expect(refused.map((r) => r.isBlocked)).toEqual([true, true]);
    for (const r of refused) expect(r.timeToBlockExpire).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect(r.timeToBlockExpire).toBeLessThanOrEqual(WINDOW_MS / 1000);
    // Another caller has a budget of her own.
    expect(await b.increment(`subject:${randomUUID()}`, WINDOW_MS, LIMIT, 0, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('renews the budget when the window ends', async () => {
    const store = new PostgresRateLimitStore(replicas[0], SCHEMA, SERVICE_NAME);
    const caller = `address:${randomUUID()}`;
    await store.increment(caller, 1000, 1, 0, 'default');
    expect((await store.increment(caller, 1000, 1, 0, 'default')).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.increment(caller, 1000, 1, 0, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it("keeps the counts the service's own: a caller's transaction sees and changes none of them", async () => {
    await new PostgresRateLimitStore(replicas[0], SCHEMA, SERVICE_NAME).increment(
      `subject:${randomUUID()}`,
      WINDOW_MS,
      LIMIT,
      0,
      'default',
    );
    const [service, person] = [
      await asService(SERVICE_NAME, () => replicas[0].query(`SELECT count(*)::int AS n FROM employer.rate_limits`)),
      await asTenants(['se-12'], () => replicas[0].query(`SELECT count(*)::int AS n FROM employer.rate_limits`)),
    ];
    expect(service[0].n).toBeGreaterThan(0);
    expect(person).toEqual([{ n: 0 }]);
    expect(await asTenants(['se-12'], () => replicas[0].query(`DELETE FROM employer.rate_limits`))).toEqual([[], 0]);
  });

  it('counts in the process while the database cannot answer, rather than refusing everyone', async () => {
    const gone = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME });
    await gone.destroy();
    const store = new PostgresRateLimitStore(gone, SCHEMA, SERVICE_NAME);
    const caller = `subject:${randomUUID()}`;
    expect(await store.increment(caller, WINDOW_MS, 2, 0, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await store.increment(caller, WINDOW_MS, 2, 0, 'default')).toMatchObject({ totalHits: 2, isBlocked: false });
    expect((await store.increment(caller, WINDOW_MS, 2, 0, 'default')).isBlocked).toBe(true);
  });
});
