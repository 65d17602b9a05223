import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { candidateDatabase } from '../../../test/candidate-database';
import { PostgresCandidateRepository } from './postgres-candidate.repository';
import { PostgresPlacementRepository } from './postgres-placement.repository';

const placements = new PostgresPlacementRepository();
const candidates = new PostgresCandidateRepository();

describe(PostgresPlacementRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await candidateDatabase();
  });
  afterAll(() => db.close());

  async function candidate(): Promise<string> {
    const candidateId = randomUUID();
    await db.transaction((em) =>
      candidates.insert(em, {
        candidateId,
        tenant: 'se-14',
        revision: 0,
        homeMunicipality: '1496',
        availableFrom: '2030-02-01',
        maxCommuteMinutes: 45,
        interests: [],
        supportNeeds: { closeSupervision: false, languageSupport: false },
        languages: ['sv'],
        waitingSince: '2030-01-10',
      }),
    );
    return candidateId;
  }

  const started = (placementId = randomUUID()) => ({
    placementId,
    needId: randomUUID(),
    employerId: randomUUID(),
    placementType: 'internship',
    startDate: '2030-04-01',
    support: { supervisor: true, languageSupport: false, studyCounselling: true },
  });
  const rows = (placementId: string) =>
    db.query(
      `SELECT candidate_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, outcome
         FROM candidate.placements WHERE placement_id = $1`,
      [placementId],
    );

  it('records a start once, a repeat changing nothing, and its end', async () => {
    const candidateId = await candidate();
    const p = started();

    await db.transaction((em) => placements.recordStarted(em, candidateId, p));
    await db.transaction((em) => placements.recordStarted(em, candidateId, { ...p, startDate: '2030-04-15' }));
    expect(await rows(p.placementId)).toEqual([{ candidate_id: candidateId, start_date: '2030-04-01', end_date: null, outcome: null }]);

    const known = await db.transaction((em) =>
      placements.recordEnded(em, candidateId, { placementId: p.placementId, endDate: '2030-06-30', outcome: 'employed' }),
    );

    expect(known).toBe(true);
    expect(await rows(p.placementId)).toEqual([
      { candidate_id: candidateId, start_date: '2030-04-01', end_date: '2030-06-30', outcome: 'employed' },
    ]);
  });

  it('keeps the support measures a placement started with', async () => {
    const candidateId = await candidate();
    const p = started();
    await db.transaction((em) => placements.recordStarted(em, candidateId, p));
    expect(
      await db.query(`SELECT supervisor, language_support, study_counselling FROM candidate.placements WHERE placement_id = $1`, [
        p.placementId,
      ]),
    ).toEqual([{ supervisor: true, language_support: false, study_counselling: true }]);
  });

  it('records a follow-up once per checkpoint, a repeat changing nothing', async () => {
    const candidateId = await candidate();
    const p = started();
    await db.transaction((em) => placements.recordStarted(em, candidateId, p));
    const f = { placementId: p.placementId, checkpointDays: 90, status: 'employed', recordedOn: '2030-07-01' };

    await db.transaction((em) => placements.recordFollowUp(em, candidateId, f));
    await db.transaction((em) => placements.recordFollowUp(em, candidateId, { ...f, status: 'studying' }));
    await db.transaction((em) => placements.recordFollowUp(em, candidateId, { ...f, checkpointDays: 180 }));

    expect(
      await db.query(
        `SELECT checkpoint_days, status, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on FROM candidate.placement_follow_ups
          WHERE placement_id = $1 ORDER BY checkpoint_days`,
        [p.placementId],
      ),
    ).toEqual([
      { checkpoint_days: 90, status: 'employed', recorded_on: '2030-07-01' },
      { checkpoint_days: 180, status: 'employed', recorded_on: '2030-07-01' },
    ]);
  });

  it("says so when an ended placement was not known here, or is someone else's, and changes nothing", async () => {
    const candidateId = await candidate();
    const other = await candidate();
    const p = started();
    await db.transaction((em) => placements.recordStarted(em, other, p));

    const end = { placementId: p.placementId, endDate: '2030-06-30', outcome: 'employed' };
    expect(await db.transaction((em) => placements.recordEnded(em, candidateId, end))).toBe(false);
    expect(await db.transaction((em) => placements.recordEnded(em, candidateId, { ...end, placementId: randomUUID() }))).toBe(false);
    expect(await rows(p.placementId)).toEqual([{ candidate_id: other, start_date: '2030-04-01', end_date: null, outcome: null }]);
  });

  it("forgets her placements and returns their ids, leaving others'", async () => {
    const candidateId = await candidate();
    const other = await candidate();
    const [a, b, c] = [started(), started(), started()];
    await db.transaction(async (em) => {
      await placements.recordStarted(em, candidateId, a);
      await placements.recordStarted(em, candidateId, b);
      await placements.recordStarted(em, other, c);
      await placements.recordFollowUp(em, candidateId, {
        placementId: a.placementId,
        checkpointDays: 30,
        status: 'employed',
        recordedOn: '2030-05-01',
      });
      await placements.recordFollowUp(em, other, {
        placementId: c.placementId,
        checkpointDays: 30,
        status: 'employed',
        recordedOn: '2030-05-01',
      });
    });

    const forgotten = await db.transaction((em) => placements.forgetCandidate(em, candidateId));

    expect(forgotten.sort()).toEqual([a.placementId, b.placementId].sort());
    expect(await rows(a.placementId)).toEqual([]);
    expect(await rows(c.placementId)).toHaveLength(1);
    const followUps = await db.query(`SELECT candidate_id FROM candidate.placement_follow_ups WHERE candidate_id = ANY($1)`, [
      [candidateId, other],
    ]);
    expect(followUps).toEqual([{ candidate_id: other }]);
    expect(await db.transaction((em) => placements.forgetCandidate(em, candidateId))).toEqual([]);
  });
});
