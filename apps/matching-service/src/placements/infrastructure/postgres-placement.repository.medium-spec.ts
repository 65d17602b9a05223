import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { placementProps } from '../../../test/placement-fixtures';
import { Placement, PlacementProps } from '../domain/placement';
import { PostgresPlacementRepository } from './postgres-placement.repository';

const repository = new PostgresPlacementRepository();

function placement(over: Partial<PlacementProps> = {}): Placement {
  return Placement.restore(placementProps({ placementId: randomUUID(), proposalId: randomUUID(), candidateId: randomUUID(), ...over }));
}

describe(PostgresPlacementRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  const insert = (p: Placement) => db.transaction((em) => repository.insert(em, p));
  const find = (id: string) => db.transaction((em) => repository.findById(em, id));

  it('reads back what it inserted, with its dates as calendar days whatever the session time zone', async () => {
    const p = placement({ startDate: '2026-03-31' });
    await insert(p);

    const found = await db.transaction(async (em) => {
      await em.query(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`);
      return repository.findById(em, p.id);
    });

    expect(found!.toProps()).toEqual(p.toProps());
    expect(await find(randomUUID())).toBeNull();
  });

  it('saves an end and new follow-ups, adding each checkpoint once and in order', async () => {
    const p = placement({ startDate: '2025-11-01' });
    await insert(p);
    p.recordFollowUp(90, 'in-studies', '2026-02-10', 'coordinator:c-1');
    await db.transaction((em) => repository.save(em, p));
    p.recordFollowUp(30, 'in-work', '2026-02-11', 'coordinator:c-2');
    p.end('2026-03-01', 'continued-studies');

    await db.transaction((em) => repository.save(em, p));

    const found = (await find(p.id))!.toProps();
    expect(found).toMatchObject({ status: 'ended', endDate: '2026-03-01', outcome: 'continued-studies', version: 4 });
    expect(found.followUps).toEqual([
      { checkpointDays: 30, status: 'in-work', recordedOn: '2026-02-11', recordedBy: 'coordinator:c-2' },
      { checkpointDays: 90, status: 'in-studies', recordedOn: '2026-02-10', recordedBy: 'coordinator:c-1' },
    ]);
    const rows = await db.query(`SELECT checkpoint_days FROM matching.follow_ups WHERE placement_id = $1`, [p.id]);
    expect(rows).toHaveLength(2);
  });

  it("lists a page and its total in one statement (and the page's follow-ups in one more), counting apart only past the end", async () => {
    const needId = randomUUID();
    const [first, second, third] = ['2026-01-10', '2026-02-10', '2026-03-10'].map((startDate) => placement({ needId, startDate }));
    for (const p of [first, second, third]) await insert(p);
    second.recordFollowUp(30, 'in-work', '2026-03-12', 'coordinator:c-1');
    await db.transaction((em) => repository.save(em, second));
    const list = (limit: number, offset: number) =>
      db.transaction(async (em) => {
        const statements: string[] = [];
        const counted = { query: (sql: string, params?: unknown[]) => (statements.push(sql), em.query(sql, params)) };
        const { items, total } = await repository.list(counted as never, { needId, limit, offset });
        return {
          ids: items.map((p) => p.id),
          total,
          statements: statements.length,
          followUps: items.map((p) => p.toProps().followUps.length),
        };
      });

    expect(await list(2, 0)).toEqual({ ids: [third.id, second.id], total: 3, statements: 2, followUps: [0, 1] });
    expect(await list(2, 2)).toEqual({ ids: [first.id], total: 3, statements: 2, followUps: [0] });
    expect(await list(2, 5)).toEqual({ ids: [], total: 3, statements: 2, followUps: [] });
    expect(await db.transaction((em) => repository.list(em, { needId: randomUUID(), limit: 2, offset: 0 }))).toEqual({
      items: [],
      total: 0,
    });
  });

  it('refuses a second placement of the same proposal', async () => {
    const p = placement();
    await insert(p);

    await expect(insert(placement({ proposalId: p.toProps().proposalId }))).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it('counts the placements under way per candidate, and finds and forgets hers', async () => {
    const her = randomUUID();
    const needId = randomUUID();
    const running = placement({ candidateId: her, needId });
    const ended = placement({ candidateId: her, needId, status: 'ended', endDate: '2026-04-01', outcome: 'employed' });
    await insert(running);
    await insert(ended);
    await insert(placement());

    expect([...(await db.transaction((em) => repository.underWayPerCandidate(em, [her])))]).toEqual([[her, 1]]);
    // Per need, the candidates of its placements under way (the ended one holds no supervisor).
    const perNeed = await db.transaction((em) => repository.underWayCandidatesPerNeed(em, [needId, randomUUID()]));
    expect([...perNeed]).toEqual([[needId, [her]]]);
    const hers = await db.transaction((em) => repository.findByCandidate(em, her));
    expect(hers.map((p) => p.id).sort()).toEqual([running.id, ended.id].sort());

    const anonymous = randomUUID();
    await db.transaction(async (em) => {
      for (const p of hers) {
        p.forgetCandidate(anonymous);
        await repository.save(em, p);
      }
    });

    expect(await db.transaction((em) => repository.findByCandidate(em, her))).toEqual([]);
    expect((await find(ended.id))!.toProps()).toMatchObject({ candidateId: anonymous, status: 'ended', version: 1 });
  });

  it('holds the row it loads with a lock until the transaction ends', async () => {
    const p = placement();
    await insert(p);
    const tryLock = () => db.query(`SELECT 1 FROM matching.placements WHERE placement_id = $1 FOR UPDATE NOWAIT`, [p.id]);

    await db.transaction(async (em) => {
      await repository.findById(em, p.id, { lock: true });
      await expect(tryLock()).rejects.toMatchObject({ driverError: { code: '55P03' } });
    });
    await expect(tryLock()).resolves.toHaveLength(1);
  });
});
