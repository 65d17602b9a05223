import type { MediumDatabase } from '@jobbspar/testing';
import { erasureTag } from '@jobbspar/messaging';
import { createHash, randomUUID } from 'node:crypto';
import { candidateDatabase } from '../../../test/candidate-database';
import { CandidateNotFoundError } from '../domain/candidate.errors';
import { CandidateRecord } from '../domain/candidate.repository';
import { PostgresCandidateRepository } from './postgres-candidate.repository';

const repository = new PostgresCandidateRepository();

function candidate(over: Partial<CandidateRecord> = {}): Omit<CandidateRecord, 'registeredAt'> {
  return {
    candidateId: randomUUID(),
    tenant: 'se-14',
    revision: 0,
    homeMunicipality: '1496',
    availableFrom: '2030-02-01',
    maxCommuteMinutes: 45,
    interests: ['9412', '5311'],
    supportNeeds: { closeSupervision: true, languageSupport: false },
    languages: ['ar', 'sv'],
    waitingSince: '2030-01-10',
    ...over,
  };
}

describe(PostgresCandidateRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await candidateDatabase();
  });
  afterAll(() => db.close());

  const insert = async (over: Partial<CandidateRecord> = {}) => {
    const c = candidate(over);
    await db.transaction((em) => repository.insert(em, c));
    return c;
  };

  it('reads back what it inserted: calendar days as YYYY-MM-DD, arrays in order, the registration time from the database', async () => {
    const c = await insert();

    const found = await db.transaction((em) => repository.find(em, c.candidateId));

    expect(found).toEqual({ ...c, registeredAt: expect.any(String) });
    expect(Date.now() - Date.parse(found!.registeredAt)).toBeLessThan(60_000);
    expect(await db.transaction((em) => repository.find(em, randomUUID()))).toBeUndefined();
  });

  it('keeps a calendar day a calendar day whatever the session time zone', async () => {
    const c = await insert({ availableFrom: '2030-03-31', waitingSince: '2030-01-01' });

    const found = await db.transaction(async (em) => {
      await em.query(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`);
      return repository.find(em, c.candidateId);
    });

    expect(found).toMatchObject({ availableFrom: '2030-03-31', waitingSince: '2030-01-01' });
  });

  it('locks her row for the rest of the transaction, and rejects an unknown candidate', async () => {
    const c = await insert();

    await db.transaction(async (em) => {
      await repository.lock(em, c.candidateId);
      // Another connection cannot take the same row lock while this transaction holds it.
      await expect(
        db.query(`SELECT 1 FROM candidate.candidates WHERE candidate_id = $1 FOR UPDATE NOWAIT`, [c.candidateId]),
      ).rejects.toMatchObject({
        driverError: { code: '55P03' },
      });
    });
    await expect(
      db.query(`SELECT 1 FROM candidate.candidates WHERE candidate_id = $1 FOR UPDATE NOWAIT`, [c.candidateId]),
    ).resolves.toHaveLength(1);
    await expect(db.transaction((em) => repository.lock(em, randomUUID()))).rejects.toBeInstanceOf(CandidateNotFoundError);
  });

  it('counts one revision per event about her and returns her tenant with it', async () => {
    const c = await insert({ revision: 4, tenant: 'se-14' });

    const first = await db.transaction((em) => repository.nextRevision(em, c.candidateId));
    const second = await db.transaction((em) => repository.nextRevision(em, c.candidateId));

    expect([first, second]).toEqual([
      { revision: 5, tenant: 'se-14' },
      { revision: 6, tenant: 'se-14' },
    ]);
    await expect(db.transaction((em) => repository.nextRevision(em, randomUUID()))).rejects.toBeInstanceOf(CandidateNotFoundError);
  });

  it('updates her profile and tenant and nothing else', async () => {
    const c = await insert({ revision: 2 });

    await db.transaction((em) =>
      repository.updateProfile(em, c.candidateId, 'se-01', {
        homeMunicipality: '0180',
        availableFrom: '2030-04-01',
        maxCommuteMinutes: 30,
        interests: ['5311'],
        supportNeeds: { closeSupervision: false, languageSupport: true },
        languages: ['so'],
      }),
    );

    expect(await db.transaction((em) => repository.find(em, c.candidateId))).toMatchObject({
      ...c,
      tenant: 'se-01',
      homeMunicipality: '0180',
      availableFrom: '2030-04-01',
      maxCommuteMinutes: 30,
      interests: ['5311'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      languages: ['so'],
      revision: 2,
      waitingSince: c.waitingSince,
    });
  });

  it('stores sealed personal data as bytes and finds an identity number by its blind index only', async () => {
    const c = await insert();
    const index = Buffer.from('blind-index-of-191212121212');
    const data = { wrappedDataKey: Buffer.from([1, 2, 3]), contact: Buffer.from([4, 5, 6]), identityNumber: Buffer.from([7, 8]) };

    await db.transaction((em) => repository.insertPersonalData(em, c.candidateId, data, index));

    expect(await db.transaction((em) => repository.personalData(em, c.candidateId))).toEqual(data);
    expect(await db.transaction((em) => repository.identityNumberTaken(em, index))).toBe(true);
    expect(await db.transaction((em) => repository.identityNumberTaken(em, Buffer.from('another index')))).toBe(false);
    // The unique index is what finally keeps two candidates from sharing a number.
    const other = await insert();
    await expect(db.transaction((em) => repository.insertPersonalData(em, other.candidateId, data, index))).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'personal_data_identity_number_index_key' },
    });
  });

  it('keeps one consent per purpose, the latest change winning, listed by purpose', async () => {
    const c = await insert();
    const at = (iso: string) => new Date(iso);

    await db.transaction(async (em) => {
      await repository.setConsent(em, c.candidateId, 'matching', true, at('2030-01-10T08:00:00Z'), 'coordinator:a');
      await repository.setConsent(em, c.candidateId, 'follow-up-statistics', true, at('2030-01-10T08:00:00Z'), 'coordinator:a');
    });
    await db.transaction((em) => repository.setConsent(em, c.candidateId, 'matching', false, at('2030-01-12T09:30:00Z'), 'coordinator:b'));

    expect(await db.transaction((em) => repository.consents(em, c.candidateId))).toEqual([
      { purpose: 'follow-up-statistics', given: true, changedAt: '2030-01-10T08:00:00.000Z' },
      { purpose: 'matching', given: false, changedAt: '2030-01-12T09:30:00.000Z' },
    ]);
    expect(
      await db.query(`SELECT changed_by FROM candidate.consents WHERE candidate_id = $1 AND purpose = 'matching'`, [c.candidateId]),
    ).toEqual([{ changed_by: 'coordinator:b' }]);
  });

  it('stores follow-up attributes apart and deletes them', async () => {
    const c = await insert();
    const rows = () =>
      db.query(
        `SELECT gender, born_abroad, year_of_arrival, reason_for_immigration FROM candidate.follow_up_attributes WHERE candidate_id = $1`,
        [c.candidateId],
      );

    await db.transaction((em) => repository.insertFollowUp(em, c.candidateId, { gender: 'woman', bornAbroad: true, yearOfArrival: 2019 }));
    expect(await rows()).toEqual([{ gender: 'woman', born_abroad: true, year_of_arrival: 2019, reason_for_immigration: null }]);

    await db.transaction((em) => repository.deleteFollowUp(em, c.candidateId));
    expect(await rows()).toEqual([]);
  });

  it('tells when she was erased, from a tombstone keyed by her tag, not her id', async () => {
    const erased = randomUUID();
    await db.transaction((em) => repository.erase(em, erased, new Date('2030-01-05T12:00:00Z')));

    expect(await db.transaction((em) => repository.erasedAt(em, erased))).toBe('2030-01-05T12:00:00.000Z');
    expect(await db.transaction((em) => repository.erasedAt(em, erased.toUpperCase()))).toBe('2030-01-05T12:00:00.000Z');
    expect(await db.transaction((em) => repository.erasedAt(em, randomUUID()))).toBeUndefined();
    // The tombstone names her only by a tag under the schema's key: neither her id nor a plain hash of it.
    const stored = await db.query<{ row: string }>(`SELECT t::text AS row FROM candidate.erasures t`);
    expect(stored.map((r) => r.row).join()).not.toContain(erased);
    const [{ key }] = await db.query<{ key: Buffer }>(`SELECT key FROM candidate.erasure_key`);
    expect(stored.map((r) => r.row).join()).toContain(erasureTag(key, erased));
    expect(stored.map((r) => r.row).join()).not.toContain(createHash('sha256').update(erased).digest('base64url'));
  });

  it('holds the lock on an identity number until the transaction ends, so a second registration waits', async () => {
    const index = Buffer.from('blind-index-of-198112189876');
    const tryLock = async () =>
      (await db.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got`, [index.toString('hex')]))[0].got;

    await db.transaction(async (em) => {
      await repository.lockIdentityNumber(em, index);
      expect(await tryLock()).toBe(false);
    });

    const free = await db.dataSource.createQueryRunner();
    try {
      const [{ got }] = await free.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got`, [index.toString('hex')]);
      expect(got).toBe(true);
    } finally {
      await free.release();
    }
  });

  it("erases her rows, children first, and leaves only a tombstone; nobody else's rows", async () => {
    const her = await insert();
    const other = await insert();
    const data = { wrappedDataKey: Buffer.from([1]), contact: Buffer.from([2]), identityNumber: null };
    for (const c of [her, other]) {
      await db.transaction(async (em) => {
        await repository.insertPersonalData(em, c.candidateId, data, null);
        await repository.setConsent(em, c.candidateId, 'matching', true, new Date('2030-01-10T08:00:00Z'), 'coordinator:a');
        await repository.insertFollowUp(em, c.candidateId, { gender: 'woman', bornAbroad: false });
      });
    }
    const rowsOf = async (candidateId: string) =>
      (
        await db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM candidate.candidates WHERE candidate_id = $1)::int
                + (SELECT count(*) FROM candidate.personal_data WHERE candidate_id = $1)::int
                + (SELECT count(*) FROM candidate.consents WHERE candidate_id = $1)::int
                + (SELECT count(*) FROM candidate.follow_up_attributes WHERE candidate_id = $1)::int AS n`,
          [candidateId],
        )
      )[0].n;

    await db.transaction((em) => repository.erase(em, her.candidateId, new Date('2030-01-12T10:00:00Z')));

    expect(await rowsOf(her.candidateId)).toBe(0);
    expect(await rowsOf(other.candidateId)).toBe(4);
    expect(await db.transaction((em) => repository.erasedAt(em, her.candidateId))).toBe('2030-01-12T10:00:00.000Z');
    expect(await db.transaction((em) => repository.erasedAt(em, other.candidateId))).toBeUndefined();
  });

  it('moves her waiting time to a given day', async () => {
    const c = await insert({ waitingSince: '2029-06-01' });

    await db.transaction((em) => repository.setWaitingSince(em, c.candidateId, '2030-05-31'));

    expect((await db.transaction((em) => repository.find(em, c.candidateId)))?.waitingSince).toBe('2030-05-31');
  });
});
