import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { candidateDatabase } from '../../../test/candidate-database';
import { PostgresCandidateRepository } from '../../candidates/infrastructure/postgres-candidate.repository';
import { AssessmentRecord } from '../domain/internship.repository';
import { PostgresInternshipRepository } from './postgres-internship.repository';
import { PostgresWorkplaceRepository } from './postgres-workplace.repository';

const internships = new PostgresInternshipRepository();
const workplaces = new PostgresWorkplaceRepository();
const candidates = new PostgresCandidateRepository();

describe(PostgresInternshipRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await candidateDatabase();
  });
  afterAll(() => db.close());

  /** A candidate at a known workplace with an internship there: the rows every assessment needs. */
  async function internship() {
    const candidateId = randomUUID();
    const workplaceId = randomUUID();
    const internshipId = randomUUID();
    await db.transaction(async (em) => {
      await candidates.insert(em, {
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
      });
      await workplaces.record(em, { workplaceId, name: 'Skövde kommun', municipalityCode: '1496', organisationNumber: '212000-1660' });
      await internships.insertInternship(
        em,
        { internshipId, candidateId, workplaceId, supervisorRole: 'kock', startDate: '2030-03-02', endDate: '2030-03-27' },
        'coordinator:c-17',
      );
    });
    return { candidateId, workplaceId, internshipId };
  }

  async function assess(at: { internshipId: string; candidateId: string }, taskId: string, assessedOn: string, level: 1 | 2 | 3 = 2) {
    const assessmentId = randomUUID();
    await db.transaction((em) =>
      internships.insertAssessment(em, {
        assessmentId,
        internshipId: at.internshipId,
        candidateId: at.candidateId,
        taskId,
        level,
        assessedOn,
        comment: Buffer.from('sealed comment'),
        assessedBy: 'supervisor:s-3',
      }),
    );
    return assessmentId;
  }

  const assessment = async (assessmentId: string): Promise<AssessmentRecord> =>
    (await db.transaction((em) => internships.assessments(em, { assessmentId })))[0];

  it('lists a page of internships and their total in one statement, counting apart only past the end', async () => {
    const first = await internship();
    const laterId = randomUUID();
    await db.transaction((em) =>
      internships.insertInternship(
        em,
        {
          internshipId: laterId,
          candidateId: first.candidateId,
          workplaceId: first.workplaceId,
          supervisorRole: 'kock',
          startDate: '2030-05-04',
          endDate: '2030-05-29',
        },
        'coordinator:c-17',
      ),
    );
    await assess(first, 'kitchen.serve-lunch', '2030-03-10');
    const list = (limit: number, offset: number) =>
      db.transaction(async (em) => {
        const statements: string[] = [];
        const counted = { query: (sql: string, params?: unknown[]) => (statements.push(sql), em.query(sql, params)) };
        const { items, total } = await internships.listInternships(counted as never, { candidateId: first.candidateId, limit, offset });
        return { items: items.map((i) => [i.internshipId, i.assessments]), total, statements: statements.length };
      });

    expect(await list(1, 0)).toEqual({ items: [[laterId, 0]], total: 2, statements: 1 });
    expect(await list(1, 1)).toEqual({ items: [[first.internshipId, 1]], total: 2, statements: 1 });
    expect(await list(1, 5)).toEqual({ items: [], total: 2, statements: 2 });
    expect(await db.transaction((em) => internships.listInternships(em, { candidateId: randomUUID(), limit: 5, offset: 0 }))).toEqual({
      items: [],
      total: 0,
    });
  });
  it('reads an internship back with its dates as calendar days', async () => {
    const { internshipId, candidateId, workplaceId } = await internship();

    expect(await db.transaction((em) => internships.findInternship(em, internshipId))).toEqual({
      internshipId,
      candidateId,
      workplaceId,
      supervisorRole: 'kock',
      startDate: '2030-03-02',
      endDate: '2030-03-27',
    });
    expect(await db.transaction((em) => internships.findInternship(em, randomUUID()))).toBeUndefined();
  });

  it("lists an internship's assessments by day, with the workplace joined in and the validation once certified", async () => {
    const at = await internship();
    const later = await assess(at, 'kitchen.serve-lunch', '2030-03-10', 3);
    const earlier = await assess(at, 'kitchen.prepare-lunch', '2030-03-05');

    const listed = await db.transaction((em) => internships.assessments(em, { internshipId: at.internshipId }));

    expect(listed.map((a) => a.assessmentId)).toEqual([earlier, later]);
    expect(listed[1]).toEqual({
      assessmentId: later,
      internshipId: at.internshipId,
      candidateId: at.candidateId,
      workplaceId: at.workplaceId,
      taskId: 'kitchen.serve-lunch',
      level: 3,
      assessedOn: '2030-03-10',
      comment: Buffer.from('sealed comment'),
      assessedBy: 'supervisor:s-3',
      validationId: null,
    });

    const validationId = randomUUID();
    const a = await assessment(later);
    await db.transaction((em) =>
      internships.insertValidation(em, {
        validationId,
        assessment: a,
        certifiedAt: new Date('2030-03-11T10:00:00Z'),
        certifiedBy: 'coordinator:c-17',
      }),
    );
    expect((await assessment(later)).validationId).toBe(validationId);
    expect((await assessment(earlier)).validationId).toBeNull();
  });

  it("gives a task's validation history in certification order, revocations included", async () => {
    const at = await internship();
    const task = 'cleaning.restock-classroom';
    const first = await assessment(await assess(at, task, '2030-03-05', 1));
    const second = await assessment(await assess(at, task, '2030-03-12', 2));
    const elsewhere = await assessment(await assess(at, 'kitchen.serve-lunch', '2030-03-12', 2));
    const [v1, v2, v3] = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction(async (em) => {
      // Inserted newest first: the order must come from certified_at, not from insertion.
      await internships.insertValidation(em, {
        validationId: v2,
        assessment: second,
        supersedes: v1,
        certifiedAt: new Date('2030-03-13T08:00:00Z'),
        certifiedBy: 'coordinator:c-17',
      });
      await internships.insertValidation(em, {
        validationId: v1,
        assessment: first,
        certifiedAt: new Date('2030-03-06T08:00:00Z'),
        certifiedBy: 'coordinator:c-17',
      });
      await internships.insertValidation(em, {
        validationId: v3,
        assessment: elsewhere,
        certifiedAt: new Date('2030-03-13T08:00:00Z'),
        certifiedBy: 'coordinator:c-17',
      });
    });
    await db.transaction((em) => internships.markRevoked(em, v1, 'assessed-in-error', 'coordinator:c-18'));

    const history = await db.transaction((em) => internships.validationsOnTask(em, at.candidateId, task));

    expect(history).toEqual([
      {
        validationId: v1,
        candidateId: at.candidateId,
        taskId: task,
        assessmentId: first.assessmentId,
        level: 1,
        revoked: true,
        certifiedAt: '2030-03-06T08:00:00.000Z',
      },
      {
        validationId: v2,
        candidateId: at.candidateId,
        taskId: task,
        assessmentId: second.assessmentId,
        level: 2,
        revoked: false,
        certifiedAt: '2030-03-13T08:00:00.000Z',
      },
    ]);
    expect(await db.transaction((em) => internships.findValidation(em, v3))).toMatchObject({
      validationId: v3,
      taskId: 'kitchen.serve-lunch',
      revoked: false,
    });
    expect(
      await db.query(
        `SELECT revoked_by, revocation_reason, supersedes FROM candidate.validations WHERE validation_id = ANY($1) ORDER BY certified_at`,
        [[v1, v2]],
      ),
    ).toEqual([
      { revoked_by: 'coordinator:c-18', revocation_reason: 'assessed-in-error', supersedes: null },
      { revoked_by: null, revocation_reason: null, supersedes: v1 },
    ]);
  });

  it('certifies an assessment at most once', async () => {
    const at = await internship();
    const a = await assessment(await assess(at, 'kitchen.serve-lunch', '2030-03-05'));
    const certify = () =>
      db.transaction((em) =>
        internships.insertValidation(em, {
          validationId: randomUUID(),
          assessment: a,
          certifiedAt: new Date(),
          certifiedBy: 'coordinator:c-17',
        }),
      );

    await certify();

    await expect(certify()).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'validations_assessment_id_key' } });
  });

  it("forgets her internships, assessments and validations, and nobody else's", async () => {
    const her = await internship();
    const other = await internship();
    for (const at of [her, other]) {
      const a = await assessment(await assess(at, 'kitchen.serve-lunch', '2030-03-05'));
      await db.transaction((em) =>
        internships.insertValidation(em, {
          validationId: randomUUID(),
          assessment: a,
          certifiedAt: new Date(),
          certifiedBy: 'coordinator:c-17',
        }),
      );
    }
    const rowsOf = async (candidateId: string) =>
      (
        await db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM candidate.internships WHERE candidate_id = $1)::int
                + (SELECT count(*) FROM candidate.assessments WHERE candidate_id = $1)::int
                + (SELECT count(*) FROM candidate.validations WHERE candidate_id = $1)::int AS n`,
          [candidateId],
        )
      )[0].n;

    // In one transaction, as erasure runs it: the foreign keys would refuse the wrong order.
    await db.transaction((em) => internships.forgetCandidate(em, her.candidateId));

    expect(await rowsOf(her.candidateId)).toBe(0);
    expect(await rowsOf(other.candidateId)).toBe(3);
  });
});
