/**
 * What row-level security costs a query (libs/platform database/row-level-security.ts): the same statements on the
 * same table of the same server, once as the owner on a plain DataSource (RLS does not apply to a superuser: the
 * baseline, as every service ran before) and once as the service's own role on the guarded DataSource (the settings
 * ride with START TRANSACTION; a statement outside a transaction gets one of its own; the policy filters every row).
 * Three shapes, alternating in every round so both see the same machine: a lookup by key outside a transaction (a
 * query handler's dataSource.query), the same inside a transaction (a command handler), and a page of a tenant's rows
 * (a list). Medians per statement, the difference and the ratio.
 *
 *   npm run bench -- rls            (BENCH_REQUESTS=4000 for more)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { startPostgres } from '@jobbspar/infra';
import {
  asTenants,
  enableRowLevelSecurity,
  ensureSchema,
  JsonLogger,
  openServiceDatabase,
  serviceDataSourceOptions,
} from '@jobbspar/platform';
import { componentLogger } from '@jobbspar/infra';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { reportOwnerVsService, timeMs } from './support/owner-vs-service';

const log = componentLogger('rls-bench');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const SCHEMA = 'bench_rls';
const ROWS_PER_TENANT = 5000;

class BenchRls1764510000001 implements MigrationInterface {
  name = 'BenchRls1764510000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${SCHEMA}.items (id uuid PRIMARY KEY, tenant text NOT NULL, seq int NOT NULL, payload text NOT NULL)`);
    await q.query(`CREATE INDEX items_tenant_seq_idx ON ${SCHEMA}.items (tenant, seq)`);
    await enableRowLevelSecurity(q, SCHEMA, 'candidate-service', { items: { kind: 'tenant', column: 'tenant' } });
  }
  async down(): Promise<void> {}
}

async function main(): Promise<void> {
  JsonLogger.threshold = 'warn';
  const pg = await startPostgres();
  const migrations = [BenchRls1764510000001];
  let owner: DataSource | undefined;
  let service: DataSource | undefined;
  try {
    await ensureSchema(pg.url, SCHEMA);
    service = await openServiceDatabase({
      url: pg.url,
      schema: SCHEMA,
      entities: [],
      migrations,
      rowLevelSecurity: { service: 'candidate-service' },
    });
    owner = await new DataSource(serviceDataSourceOptions({ url: pg.url, schema: SCHEMA, entities: [], migrations })).initialize();
    const ids: string[] = [];
    for (const tenant of ['se-12', 'se-14']) {
      const batch = Array.from({ length: ROWS_PER_TENANT }, (_, seq) => ({ id: randomUUID(), seq }));
      await owner.query(
        `INSERT INTO ${SCHEMA}.items (id, tenant, seq, payload) SELECT u.id, $1, u.seq, repeat('x', 200) FROM unnest($2::uuid[], $3::int[]) AS u(id, seq)`,
        [tenant, batch.map((b) => b.id), batch.map((b) => b.seq)],
      );
      if (tenant === 'se-12') ids.push(...batch.map((b) => b.id));
    }
    await owner.query(`ANALYZE ${SCHEMA}.items`);
    const lookup = `SELECT id, payload FROM ${SCHEMA}.items WHERE id = $1`;
    const page = `SELECT id, payload FROM ${SCHEMA}.items WHERE tenant = 'se-12' ORDER BY seq LIMIT 50 OFFSET $1`;
    const o = owner;
    const s = service;
    const shapes = {
      'lookup, no transaction': {
        owner: (i: number) => o.query(lookup, [ids[i % ids.length]]),
        service: (i: number) => asTenants(['se-12'], () => s.query(lookup, [ids[i % ids.length]])),
      },
      'lookup in a transaction': {
        owner: (i: number) => o.transaction((em) => em.query(lookup, [ids[i % ids.length]])),
        service: (i: number) => asTenants(['se-12'], () => s.transaction((em) => em.query(lookup, [ids[i % ids.length]]))),
      },
      'page of 50, no transaction': {
        owner: (i: number) => o.query(page, [(i * 50) % 4000]),
        service: (i: number) => asTenants(['se-12'], () => s.query(page, [(i * 50) % 4000])),
      },
    };
    // The service's answers are the owner's: the policy only adds its filter.
    const [a, b] = [await shapes['page of 50, no transaction'].owner(3), await shapes['page of 50, no transaction'].service(3)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the service role and the owner read different rows');
    const samples = Object.fromEntries(Object.keys(shapes).map((k) => [k, { owner: [] as number[], service: [] as number[] }]));
    for (let i = 0; i < 200; i++) for (const shape of Object.values(shapes)) await Promise.all([shape.owner(i), shape.service(i)]);
    for (let i = 0; i < REQUESTS; i++) {
      for (const [name, shape] of Object.entries(shapes)) {
        // Alternate which goes first.
        if (i % 2 === 0) {
          samples[name].owner.push(await timeMs(() => shape.owner(i)));
          samples[name].service.push(await timeMs(() => shape.service(i)));
        } else {
          samples[name].service.push(await timeMs(() => shape.service(i)));
          samples[name].owner.push(await timeMs(() => shape.owner(i)));
        }
      }
      if ((i + 1) % 500 === 0) log.info('progress', { rounds: i + 1, of: REQUESTS });
    }
    reportOwnerVsService(samples, 'statement', { requests: REQUESTS, rowsPerTenant: ROWS_PER_TENANT });
  } finally {
    await service?.destroy();
    await owner?.destroy();
    await pg.stop();
  }
}

void main().catch((error: unknown) => {
  log.error('rls bench failed', { error: (error as Error).message });
  process.exit(1);
});
