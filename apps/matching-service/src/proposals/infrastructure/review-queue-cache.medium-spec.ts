import { actAs, type DatabaseIdentity } from '@jobbspar/platform';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { proposalProps } from '../../../test/fakes';
import { matchingDatabase } from '../../../test/matching-database';
import { Proposal } from '../domain/proposal';
import { PostgresProposalRepository } from './postgres-proposal.repository';
import { changesQueue, notifiesSchema, REVIEW_QUEUE_CHANNEL, ReviewQueueCache } from './review-queue-cache';

const COORDINATOR: DatabaseIdentity = {
  tenants: ['se-14'],
  roles: ['coordinator'],
  organisation: 'municipality:1496',
  municipalities: ['1496'],
  actor: 'coordinator:u-1',
};
const OTHER_COORDINATOR: DatabaseIdentity = {
  ...COORDINATOR,
  organisation: 'municipality:1499',
  municipalities: ['1499'],
  actor: 'coordinator:u-2',
};
const FILTER = { limit: 50, offset: 0 };

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(ReviewQueueCache.name, () => {
  let db: MediumDatabase;
  let cache: ReviewQueueCache;
  let other: Client;
  let loads = 0;
  const load = async () => `page ${++loads}`;
  const read = (identity = COORDINATOR, filter: object = FILTER) => actAs(identity, () => cache.page(filter, load));

  beforeAll(async () => {
    db = await matchingDatabase();
    other = new Client({ connectionString: db.url });
    await other.connect();
  });
  beforeEach(async () => {
    cache = new ReviewQueueCache(db.dataSource);
    await cache.onModuleInit();
    loads = 0;
  });
  afterEach(() => cache.onModuleDestroy());
  afterAll(async () => {
    await other.end();
    await db.close();
  });

  it('answers a page from memory while nothing it is read from changes', async () => {
    expect(cache.active).toBe(true);
    expect(await read()).toBe('page 1');
    expect(await read()).toBe('page 1');
    expect(loads).toBe(1);
  });

  it("drops its pages when this process's write commits, before the transaction's promise resolves", async () => {
    await read();
    // The candidates read model has no notifying trigger: only the write seen on this DataSource can drop the page.
    await db.transaction((em) => em.query(`UPDATE matching.candidates SET revision = revision WHERE false`));
    expect(await read()).toBe('page 2');

    const proposal = Proposal.restore(proposalProps({ proposalId: randomUUID(), needId: randomUUID(), candidateId: randomUUID() }));
    await db.transaction((em) => new PostgresProposalRepository().insert(em, [proposal]));
    expect(await read()).toBe('page 3');
  });

  it('keeps its pages through a write that rolled back and through writes of only the platform tables', async () => {
    await read();
    await expect(
      db.transaction(async (em) => {
        await em.query(`UPDATE matching.needs SET status = status`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.transaction((em) => em.query(`DELETE FROM matching.rate_limits WHERE false`));

    expect(await read()).toBe('page 1');
  });

  it.each([
    ['proposals', `UPDATE matching.proposals SET score = score WHERE false`],
    ['needs', `UPDATE matching.needs SET status = status WHERE false`],
    ['employers', `DELETE FROM matching.employers WHERE false`],
    ['needs (truncate)', `TRUNCATE matching.needs CASCADE`],
  ])('drops its pages when another connection commits a change to %s (its notification)', async (_table, sql) => {
    await read();
    await other.query(sql);

    await until(async () => (await read()) !== 'page 1', 'the page read again after the notification');
    expect(loads).toBe(2);
  });

  it("drops nothing for another schema's notification (replay's scratch schema, another suite's)", () => {
    expect(notifiesSchema({ channel: REVIEW_QUEUE_CHANNEL, payload: 'matching' }, 'matching')).toBe(true);
    expect(notifiesSchema({ channel: REVIEW_QUEUE_CHANNEL, payload: 'matching_replay_x1' }, 'matching')).toBe(false);
    expect(notifiesSchema({ channel: 'matching_proposals', payload: 'matching' }, 'matching')).toBe(false);
  });

  it('keeps a page per caller and per filter', async () => {
    expect(await read(COORDINATOR)).toBe('page 1');
    expect(await read(OTHER_COORDINATOR)).toBe('page 2');
    expect(await read(COORDINATOR, { ...FILTER, municipality: '1496' })).toBe('page 3');
    expect(await read(COORDINATOR)).toBe('page 1');
    expect(await read(OTHER_COORDINATOR)).toBe('page 2');
  });

  it('reads the database without a caller identity, sharing nothing', async () => {
    expect(await cache.page(FILTER, load)).toBe('page 1');
    expect(await cache.page(FILTER, load)).toBe('page 2');
  });

  it('lets concurrent misses of one page share one read, and keeps no page that failed', async () => {
    const pages = await Promise.all([read(), read(), read()]);
    expect(pages).toEqual(['page 1', 'page 1', 'page 1']);

    const failing = () => actAs(COORDINATOR, () => cache.page({ ...FILTER, offset: 50 }, () => Promise.reject(new Error('database down'))));
    await expect(failing()).rejects.toThrow('database down');
    expect(await actAs(COORDINATOR, () => cache.page({ ...FILTER, offset: 50 }, load))).toBe('page 2');
  });

  it('does not keep a page read while a change committed', async () => {
    const during = () =>
      actAs(COORDINATOR, () =>
        cache.page(FILTER, async () => {
          cache.invalidate(); // a commit's invalidation arriving while the page is read
          return `page ${++loads}`;
        }),
      );
    expect(await during()).toBe('page 1');
    expect(await read()).toBe('page 2');
  });

  it('keeps nothing while its LISTEN connection is down, and keeps pages again once it is back', async () => {
    await read();
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'matching-review-queue'`);
    await until(() => !cache.active, 'the lost connection noticed');

    expect(await read()).toBe('page 2');
    expect(await read()).toBe('page 3');

    await until(() => cache.active, 'the connection back');
    expect(await read()).toBe('page 4');
    expect(await read()).toBe('page 4');
  });

  it('counts as a change every write but those of the platform tables only', () => {
    expect(changesQueue(`INSERT INTO "matching"."proposals" (proposal_id) VALUES ($1)`)).toBe(true);
    expect(changesQueue(`WITH moved AS (UPDATE matching.needs SET status = $1 RETURNING 1) SELECT count(*) FROM moved`)).toBe(true);
    expect(changesQueue(`DELETE FROM matching.candidates WHERE candidate_id = $1`)).toBe(true);
    expect(changesQueue(`INSERT INTO "matching".rate_limits (key, points) VALUES ($1, 1)`)).toBe(false);
    expect(changesQueue(`INSERT INTO "matching".audit_log (operation) VALUES ($1)`)).toBe(false);
    expect(changesQueue(`SELECT proposal_id, updated_at FROM matching.proposals WHERE status = 'proposed'`)).toBe(false);
    expect(changesQueue(`SELECT set_config('jobbspar.tenants', 'se-14', true)`)).toBe(false);
  });
});
