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
