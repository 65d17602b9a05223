import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { Messaging1763900000000 } from './1763900000000-messaging';
import { Matching1763900500000 } from './1763900500000-matching';
import { ReadModelsOwnShapes1763900600000 } from './1763900600000-read-models-own-shapes';

/** Read-model rows written before the translation layer held the V1 payloads; the migration rewrites them. */
describe(ReadModelsOwnShapes1763900600000.name, () => {
  let db: MediumDatabase;
  const needId = randomUUID();
  const candidateId = randomUUID();
  const snapshotV1 = {
    needId,
    revision: 3,
    employerId: randomUUID(),
    roleId: randomUUID(),
    roleVersion: 2,
    roleName: 'Kockbiträde',
    occupations: ['5120'],
    tasks: [{ taskId: 'kitchen.dishwashing', requiredLevel: 1, weight: 'must-have' }],
    positions: 2,
    positionsFilled: 1,
    workplaceMunicipality: '1496',
    countyCode: '14',
    startDate: '2026-12-01',
    placementType: 'internship',
    support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true },
    status: 'open',
    shortage: false,
  };
  const profileV1 = {
    candidateId,
    revision: 2,
    homeMunicipality: '1496',
    availableFrom: '2026-06-01',
    maxCommuteMinutes: 45,
    interests: ['5120'],
    supportNeeds: { closeSupervision: false, languageSupport: true },
    waitingSince: '2025-01-01',
    matchingConsent: true,
  };

  beforeAll(async () => {
    db = await matchingDatabase([Messaging1763900000000, Matching1763900500000]);
    await db.query(
      `INSERT INTO matching.needs (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations)
       VALUES ($1, 3, 'open', $2, 'se-14', 1, '1496', '{5120}')`,
      [needId, JSON.stringify(snapshotV1)],
    );
    await db.query(`INSERT INTO matching.needs (need_id, revision, status) VALUES ($1, 2, 'closed')`, [randomUUID()]);
    await db.query(`INSERT INTO matching.candidates (candidate_id, revision, profile, matching_consent) VALUES ($1, 2, $2, true)`, [
      candidateId,
      JSON.stringify(profileV1),
    ]);
  });
  afterAll(() => db.close());

  const run = async (step: 'up' | 'down') => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await new ReadModelsOwnShapes1763900600000()[step](runner);
    } finally {
      await runner.release();
    }
  };
  const stored = async () => ({
    snapshot: (await db.query(`SELECT snapshot FROM matching.needs WHERE need_id = $1`, [needId]))[0].snapshot,
    profile: (await db.query(`SELECT profile FROM matching.candidates WHERE candidate_id = $1`, [candidateId]))[0].profile,
  });

  it("rewrites stored payloads into matching's own shapes, and leaves tombstones as they are", async () => {
    await run('up');

    expect(await stored()).toEqual({
      snapshot: {
        employerId: snapshotV1.employerId,
        roleName: 'Kockbiträde',
        placementType: 'internship',
        startDate: '2026-12-01',
        tasks: snapshotV1.tasks,
        shortage: false,
        support: snapshotV1.support,
      },
      profile: {
        homeMunicipality: '1496',
        availableFrom: '2026-06-01',
        maxCommuteMinutes: 45,
        interests: ['5120'],
        supportNeeds: { closeSupervision: false, languageSupport: true },
        waitingSince: '2025-01-01',
      },
    });
    expect(await db.query(`SELECT count(*)::int AS n FROM matching.needs WHERE snapshot IS NULL`)).toEqual([{ n: 1 }]);

    // Running it again changes nothing.
    const once = await stored();
    await run('up');
    expect(await stored()).toEqual(once);
  });

  it('gives the code before it what it read when rolled back', async () => {
    await run('down');

    const { snapshot, profile } = await stored();
    expect(snapshot).toMatchObject({
      needId,
      revision: 3,
      status: 'open',
      workplaceMunicipality: '1496',
      occupations: ['5120'],
      countyCode: '14',
    });
    expect(profile).toEqual(profileV1);
  });
});
