import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { as, authed } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

const HELSINGBORG = '1283';
const SKOVDE = '1496';
const in30Days = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * Object-level access, real services and real tokens: another organisation's or region's object answers 404
 * exactly like one that does not exist, nothing is changed, and tenant, owner and area come from the token.
 */
describe('tenancy: each organisation sees and changes only its own objects', () => {
  let stack: TestStack;
  let db: DataSource;
  const employer = () => stack.apps.employer!.getHttpServer();
  const candidate = () => stack.apps.candidate!.getHttpServer();
  let sundet: string; // Restaurang Sundet AB (Helsingborg), the employer of demo user employer.sundet
  let need: string;

  beforeAll(async () => {
    stack = await startStack(['employer', 'candidate']);
    db = await new DataSource({ type: 'postgres', url: stack.databaseUrl }).initialize();
    const registered = await authed(employer(), as('admin.skane'))
      .post('/employers')
      .send({ organisationNumber: '559012-3443', name: 'Restaurang Sundet AB', sector: 'private', municipalityCode: HELSINGBORG })
      .expect(201);
    sundet = registered.body.id;
    const { body: role } = await authed(employer(), as('hr.helsingborg')).post('/roles/standard').send({ ssyk: '9412' });
    const posted = await authed(employer(), as('employer.sundet'))
      .post('/needs')
      .send({
        employerId: sundet,
        roleId: role.id,
        positions: 1,
        workplaceMunicipality: HELSINGBORG,
        startDate: in30Days(),
        placementType: 'internship',
        support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true },
      })
      .expect(201);
    need = posted.body.id;
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  it("lets the employer's own staff and coordinators (who review proposals for it) see the need", async () => {
    await authed(employer(), as('employer.sundet')).get(`/needs/${need}`).expect(200);
    await authed(employer(), as('coordinator.fh')).get(`/needs/${need}`).expect(200);
    await authed(employer(), as('coordinator.skovde')).get(`/needs/${need}`).expect(200);
    const { body } = await authed(employer(), as('employer.sundet')).get('/needs').expect(200);
    expect(body.items.map((n: { id: string }) => n.id)).toEqual([need]);
  });

  it("answers another employer's staff and another region's admin with 404, as for no need at all", async () => {
    for (const user of ['employer.omsorg', 'admin.vg'] as const) {
      const res = await authed(employer(), as(user)).get(`/needs/${need}`).expect(404);
      expect(res.body.code).toBe('NEED_NOT_FOUND');
      const { body } = await authed(employer(), as(user)).get('/needs').expect(200);
      expect(body.total).toBe(0);
    }
  });

  it('does not let another employer change or close the need, nor post one for Sundet: nothing is stored', async () => {
    const omsorg = () => authed(employer(), as('employer.omsorg'));
    await omsorg().patch(`/needs/${need}`).send({ positions: 5 }).expect(404);
    await omsorg().post(`/needs/${need}/close`).send({ reason: 'withdrawn' }).expect(404);
    const before = await db.query(`SELECT count(*)::int AS n FROM employer.needs`);
    const res = await omsorg()
      .post('/needs')
      .send({
        employerId: sundet,
        roleId: (await db.query(`SELECT role_id FROM employer.needs WHERE id = $1`, [need]))[0].role_id,
        positions: 1,
        workplaceMunicipality: HELSINGBORG,
        startDate: in30Days(),
        placementType: 'internship',
        support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true },
      })
      .expect(404);
    expect(res.body.code).toBe('EMPLOYER_NOT_FOUND');
    expect(await db.query(`SELECT count(*)::int AS n FROM employer.needs`)).toEqual(before);
    const [row] = await db.query(`SELECT positions, status FROM employer.needs WHERE id = $1`, [need]);
    expect(row).toEqual({ positions: 1, status: 'open' });
  });

  it('refuses tenant, status or owner fields in a body (400, nothing stored)', async () => {
    const res = await authed(employer(), as('employer.sundet'))
      .patch(`/needs/${need}`)
      .send({ positions: 2, status: 'filled', tenant: 'se-14' });
    expect(res.status).toBe(400);
    const [row] = await db.query(`SELECT positions, status FROM employer.needs WHERE id = $1`, [need]);
    expect(row).toEqual({ positions: 1, status: 'open' });
  });

  describe('candidates are seen only by coordinators of her area', () => {
    let maria: string;
    const registration = (homeMunicipality: string) => ({
      contact: { name: 'Test Person', email: 'test.person@example.org', phone: '+46 70 000 00 00' },
      homeMunicipality,
      availableFrom: '2026-12-01',
      maxCommuteMinutes: 45,
      interests: ['9412'],
      supportNeeds: { closeSupervision: false, languageSupport: true },
      languages: ['sv'],
      consent: { matching: true },
    });

    beforeAll(async () => {
      maria = (await authed(candidate(), as('coordinator.fh')).post('/candidates').send(registration(HELSINGBORG)).expect(201)).body
        .candidateId;
    });

    it('shows her, contact data included, to a coordinator of Familjen Helsingborg and of Arbetsförmedlingen there', async () => {
      for (const user of ['coordinator.fh', 'coordinator.af'] as const) {
        const { body } = await authed(candidate(), as(user)).get(`/candidates/${maria}`).expect(200);
        expect(body.contact.email).toBe('test.person@example.org');
      }
    });

    it("answers Skövde's coordinator 404 on every operation on her and lists nobody; she is not erased", async () => {
      const skovde = () => authed(candidate(), as('coordinator.skovde'));
      expect((await skovde().get(`/candidates/${maria}`).expect(404)).body.code).toBe('CANDIDATE_NOT_FOUND');
      await skovde().patch(`/candidates/${maria}`).send({ maxCommuteMinutes: 10 }).expect(404);
      await skovde().post(`/candidates/${maria}/erasure`).expect(404);
      await skovde().delete(`/candidates/${maria}`).expect(404);
      expect((await skovde().get('/candidates').expect(200)).body.total).toBe(0);
      const [row] = await db.query(`SELECT max_commute_minutes FROM candidate.candidates WHERE candidate_id = $1`, [maria]);
      expect(row.max_commute_minutes).toBe(45);
      await authed(candidate(), as('coordinator.fh')).get(`/candidates/${maria}`).expect(200);
    });

    it('never shows a candidate to an employer, an analyst or an admin (403)', async () => {
      for (const user of ['employer.sundet', 'analyst.skane', 'admin.skane', 'hr.helsingborg'] as const) {
        await authed(candidate(), as(user)).get(`/candidates/${maria}`).expect(403);
        await authed(candidate(), as(user)).get('/candidates').expect(403);
      }
    });

    it("refuses to register a candidate outside the coordinator's area (403), storing nothing", async () => {
      const before = await db.query(`SELECT count(*)::int AS n FROM candidate.candidates`);
      const res = await authed(candidate(), as('coordinator.fh')).post('/candidates').send(registration(SKOVDE)).expect(403);
      expect(res.body.message).toMatch(/1496 is outside the area of cooperation:familjen-helsingborg/);
      expect(await db.query(`SELECT count(*)::int AS n FROM candidate.candidates`)).toEqual(before);
    });
  });
});
