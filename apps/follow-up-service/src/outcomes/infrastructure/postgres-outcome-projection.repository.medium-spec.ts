import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { followUpDatabase } from '../../../test/follow-up-database';
import { PostgresOutcomeProjectionRepository } from './postgres-outcome-projection.repository';

const projection = new PostgresOutcomeProjectionRepository();

describe(PostgresOutcomeProjectionRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await followUpDatabase();
  });
  afterAll(() => db.close());

  const person = (candidateId: string, region: string, revision: number, occurredOn: string, municipality = '1480') => ({
    candidateId,
    region,
    municipality,
    revision,
    occurredOn,
    maxCommuteMinutes: 45,
    availableFrom: '2030-02-01',
    matchingConsent: true,
  });

  it('applies only a newer profile, and keeps the earliest day of each stage whatever order the events come in', async () => {
    const id = randomUUID();
    const region = `se-r${Math.floor(Math.random() * 1e6)}`;
    await db.transaction(async (em) => {
      await projection.upsertPerson(em, person(id, region, 2, '2030-01-12', '1401'));
      await projection.upsertPerson(em, person(id, region, 1, '2030-01-10', '1480'));
      await projection.firstDate(em, id, 'proposed', '2030-02-20');
      await projection.firstDate(em, id, 'proposed', '2030-02-03');
      await projection.firstDate(em, id, 'proposed', '2030-02-25');
      await projection.addPlacement(em, {
        placementId: randomUUID(),
        candidateId: id,
        region,
        type: 'internship',
        startDate: '2030-03-01',
        support: { supervisor: true, languageSupport: false, studyCounselling: false },
      });
    });

    expect(await db.transaction((em) => projection.people(em, region))).toEqual([
      {
        municipality: '1401',
        registeredOn: '2030-01-12',
        firstTaskOn: null,
        firstProposedOn: '2030-02-03',
        firstAcceptedOn: null,
        firstPlacementOn: '2030-03-01',
      },
    ]);
    expect(await db.transaction((em) => projection.firstMonth(em, region))).toBe('2030-01');
  });

  it('erases every row about her and remembers only that she was erased', async () => {
    const id = randomUUID();
    const other = randomUUID();
    const region = `se-e${Math.floor(Math.random() * 1e6)}`;
    const placementId = randomUUID();
    await db.transaction(async (em) => {
      for (const c of [id, other]) {
        await projection.upsertPerson(em, person(c, region, 1, '2030-01-10'));
        await projection.firstDate(em, c, 'task', '2030-01-20');
        await projection.setTaskLevel(em, c, 'kitchen.serve-lunch', 2);
      }
      await projection.addPlacement(em, {
        placementId,
        candidateId: id,
        region,
        type: 'internship',
        startDate: '2030-03-01',
        support: { supervisor: false, languageSupport: false, studyCounselling: false },
      });
      await projection.addCheckpoint(em, { placementId, candidateId: id, days: 30, status: 'employed', recordedOn: '2030-04-01' });
    });

    await db.transaction((em) => projection.erase(em, id));

    for (const table of ['persons', 'consents', 'first_dates', 'task_levels', 'placements', 'checkpoints']) {
      expect(await db.query(`SELECT 1 FROM follow_up.${table} WHERE candidate_id = $1`, [id])).toEqual([]);
    }
    expect(await db.query(`SELECT 1 FROM follow_up.task_levels WHERE candidate_id = $1`, [other])).toHaveLength(1);
    expect(await db.transaction((em) => projection.isErased(em, id))).toBe(true);
    expect(await db.transaction((em) => projection.isErased(em, other))).toBe(false);
    expect((await db.transaction((em) => projection.people(em, region))).length).toBe(1);
  });

  // Her registration (revision 1) says no consent; a ConsentChanged (revision 2) gives it; a profile update
  // (revision 3) says it again. Every order must end where revision order ends: a job-seeker with consent.
  it.each([
    ['registration, consent, profile', ['registered', 'consent', 'profile']],
    ['consent before registration', ['consent', 'registered', 'profile']],
    ['profile first, then consent, then registration', ['profile', 'consent', 'registered']],
    ['consent last', ['registered', 'profile', 'consent']],
  ] as const)('holds the newest word on consent whatever the order: %s', async (_name, order) => {
    const id = randomUUID();
    const region = `se-c${Math.floor(Math.random() * 1e6)}`;
    const facts = {
      registered: { ...person(id, region, 1, '2030-01-10', '1480'), matchingConsent: false },
      profile: { ...person(id, region, 3, '2030-01-12', '1401'), matchingConsent: true },
    };
    await db.transaction(async (em) => {
      for (const fact of order) {
        if (fact === 'consent') await projection.setMatchingConsent(em, id, 2, true);
        else await projection.upsertPerson(em, facts[fact]);
      }
    });

    const seekers = await db.transaction((em) => projection.jobseekers(em, region));
    expect(seekers).toEqual([{ candidateId: id, municipality: '1401', maxCommuteMinutes: 45, levels: {} }]);
  });

  it('lets a consent withdrawn later win over the profile that gave it, whichever arrives first', async () => {
    for (const consentFirst of [true, false]) {
      const id = randomUUID();
      const region = `se-w${Math.floor(Math.random() * 1e6)}`;
      await db.transaction(async (em) => {
        if (consentFirst) await projection.setMatchingConsent(em, id, 2, false);
        await projection.upsertPerson(em, person(id, region, 1, '2030-01-10'));
        if (!consentFirst) await projection.setMatchingConsent(em, id, 2, false);
      });
      expect(await db.transaction((em) => projection.jobseekers(em, region))).toEqual([]);
      expect(await db.transaction((em) => projection.people(em, region))).toHaveLength(1);
    }
  });
});
