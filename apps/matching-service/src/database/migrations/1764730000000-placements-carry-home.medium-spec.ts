import { actAs, type DatabaseIdentity } from '@jobbspar/platform';
import { type MediumDatabase, serviceRoleDataSource } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { matchingDatabase } from '../../../test/matching-database';
import { SCHEMA, SERVICE_NAME } from '../../config/env';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { PlacementsCarryHome1764730000000 } from './1764730000000-placements-carry-home';

/** A coordinator of Familjen Helsingborg (Helsingborg 1283, Landskrona 1282) and one of Skövde (1496). */
const helsingborg: DatabaseIdentity = {
  tenants: ['se-12'],
  roles: ['coordinator'],
  organisation: 'cooperation:familjen-helsingborg',
  municipalities: ['1283', '1282'],
};
const skovde: DatabaseIdentity = {
  tenants: ['se-14'],
  roles: ['coordinator'],
  organisation: 'municipality:1496',
  municipalities: ['1496'],
};

/**
 * The placements policy's coordinators' side reads the placement's own copy of her home: placements of before get
 * it, it follows her when she moves, it goes with her row, and no writer can set another; what each coordinator sees
 * is what the lookup of 1764620000000 showed her.
 */
describe(PlacementsCarryHome1764730000000.name, () => {
  let db: MediumDatabase;
  let service: DataSource;
  const employer = randomUUID();
  const need = randomUUID();
  const before = { candidate: randomUUID(), proposal: randomUUID(), placement: randomUUID() };
  const after = { candidate: randomUUID(), proposal: randomUUID(), placement: randomUUID() };

  async function place(side: typeof before, home: string, withCandidate = true): Promise<void> {
    if (withCandidate)
      await db.query(`INSERT INTO matching.candidates (candidate_id, revision, profile, matching_consent) VALUES ($1, 1, $2, true)`, [
        side.candidate,
        JSON.stringify({ homeMunicipality: home }),
      ]);
    await db.query(
      `INSERT INTO matching.proposals (proposal_id, need_id, candidate_id, status, score, explanation, weights_version, tenant, municipality, occupations)
       VALUES ($1, $2, $3, 'accepted', 50, '{}', 'default-v1', 'se-12', '1283', '{5120}')`,
      [side.proposal, need, side.candidate],
    );
    await db.query(
      `INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date, support, status)
       VALUES ($1, $2, $3, $4, $5, 'internship', 'se-12', '2030-03-01', '{}', 'started')`,
      [side.placement, side.proposal, need, side.candidate, employer],
    );
  }
  const homeOf = async (placement: string): Promise<string | null> => {
    const [row] = await db.query<{ candidate_home: string | null }>(
      `SELECT candidate_home FROM matching.placements WHERE placement_id = $1`,
      [placement],
    );
    return row.candidate_home;
  };
  const seenBy = async (who: DatabaseIdentity): Promise<string[]> =>
    (await actAs(who, () => service.query(`SELECT placement_id FROM matching.placements ORDER BY placement_id`))).map(
      (r: { placement_id: string }) => r.placement_id,
    );
  const moveTo = (candidate: string, home: string) =>
    db.query(
      `UPDATE matching.candidates SET profile = jsonb_set(profile, '{homeMunicipality}', to_jsonb($2::text)) WHERE candidate_id = $1`,
      [candidate, home],
    );

  beforeAll(async () => {
    db = await matchingDatabase(MIGRATIONS.filter((m) => m !== PlacementsCarryHome1764730000000));
    await db.query(
      `INSERT INTO matching.employers (employer_id, organisation_number, name, municipality_code, is_municipality) VALUES ($1, '556000-0012', 'Köket', '1283', false)`,
      [employer],
    );
    await db.query(
      `INSERT INTO matching.needs (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality)
       VALUES ($1, 1, 'open', $2, 'se-12', 1, '1283')`,
      [need, JSON.stringify({ employerId: employer })],
    );
    await place(before, '1283');
    const runner = db.dataSource.createQueryRunner();
    try {
      await new PlacementsCarryHome1764730000000().up(runner);
    } finally {
      await runner.release();
    }
    service = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: [], entities: ENTITIES, service: SERVICE_NAME });
    await place(after, '1496');
  });

  afterAll(async () => {
    await service?.destroy();
    await db?.close();
  });

  it('gives the placements of before and every new one her home, and the coordinators of that home the placement', async () => {
    expect([await homeOf(before.placement), await homeOf(after.placement)]).toEqual(['1283', '1496']);
    expect(await seenBy(helsingborg)).toEqual([before.placement]);
    expect(await seenBy(skovde)).toEqual([after.placement]);
  });

  it('moves her placements to her new home in the statement that moves her, and to no other on any other write', async () => {
    await moveTo(after.candidate, '1282');
    expect(await homeOf(after.placement)).toBe('1282');
    expect(await seenBy(helsingborg)).toEqual([before.placement, after.placement].sort());
    expect(await seenBy(skovde)).toEqual([]);
    // A writer naming another home, or leaving it out, gets hers all the same.
    await db.query(`UPDATE matching.placements SET candidate_home = '1496' WHERE placement_id = $1`, [after.placement]);
    await db.query(`UPDATE matching.placements SET candidate_home = NULL, status = status WHERE placement_id = $1`, [after.placement]);
    expect(await homeOf(after.placement)).toBe('1282');
    // A profile change that is no move leaves the placement alone.
    await db.query(`UPDATE matching.candidates SET profile = profile || '{"maxCommuteMinutes": 45}' WHERE candidate_id = $1`, [
      after.candidate,
    ]);
    expect(await homeOf(after.placement)).toBe('1282');
    await moveTo(after.candidate, '1496');
    expect([await seenBy(helsingborg), await seenBy(skovde)]).toEqual([[before.placement], [after.placement]]);
  });

  it('takes the home away with her row (erasure): a placement of no known resident is in no coordinator’s area', async () => {
    await db.query(`DELETE FROM matching.candidates WHERE candidate_id = $1`, [after.candidate]);
    expect(await homeOf(after.placement)).toBeNull();
    expect([await seenBy(helsingborg), await seenBy(skovde)]).toEqual([[before.placement], []]);
    // Nor does a placement written for a candidate the read model does not hold get a home.
    const orphan = { candidate: randomUUID(), proposal: randomUUID(), placement: randomUUID() };
    await place(orphan, '1283', false);
    expect(await homeOf(orphan.placement)).toBeNull();
    expect(await seenBy(helsingborg)).toEqual([before.placement]);
  });
});
