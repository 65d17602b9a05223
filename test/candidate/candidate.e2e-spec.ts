import 'reflect-metadata';
import {
  CandidateErasedV1,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  CONTRACTS,
  createEnvelope,
  DecodedEvent,
  PlacementEndedV1,
  PlacementStartedV1,
  TaskValidatedV1,
  TaskValidatedV1Payload,
  TaskValidationRevokedV1,
  Topics,
} from '@jobbspar/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JsonLogger, swedishDay } from '@jobbspar/platform';
import { luhnCheckDigit } from '../../apps/candidate-service/src/candidates/domain/personal-identity-number';
import { actor, as, authed, createUser, deleteUser } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { startStack, TestStack } from '../support/stack';
import { defineRole, postNeed, publishAs, readAllTopics, registerWorkplace, searchDatabase } from './candidate-fixture';

const COORDINATOR = as('coordinator.skovde');
const ANALYST_VG = as('analyst.vg');
const LUNCH = 'kitchen.serve-school-lunch';
const DISHES = 'kitchen.dishwashing';
const CLASSROOM = 'cleaning.classroom-clean';

let serial = 100;
/** A fresh valid identity number per call, so registrations never collide on the blind index. */
function identityNumber(date = '19850612'): string {
  const s = String(serial++).padStart(3, '0');
  return `${date}-${s}${luhnCheckDigit(`${date.slice(2)}${s}`)}`;
}

function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personalIdentityNumber: identityNumber(),
    contact: { name: 'Test Person', email: 'test.person@example.org', phone: '+46 70 000 00 00' },
    homeMunicipality: '1496',
    availableFrom: '2026-12-01',
    maxCommuteMinutes: 45,
    interests: ['9412'],
    supportNeeds: { closeSupervision: true, languageSupport: true },
    languages: ['ar', 'sv'],
    consent: { matching: true },
    ...overrides,
  };
}

describe('candidate-service through real Kafka and PostgreSQL', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let db: DataSource;
  let workplaceId: string;
  let roleId: string;
  const logLines: string[] = [];
  const originalSink = JsonLogger.sink;
  const http = () => authed(stack.apps.candidate!.getHttpServer(), COORDINATOR);
  const candidatesTopic = () => stack.topic(Topics.candidates);

  const decoded = (candidateId: string): DecodedEvent[] =>
    probe.messages
      .filter((m) => m.topic === candidatesTopic() && m.key === candidateId)
      .map((m) => CONTRACTS.decode(m.value, Topics.candidates));
  const awaitEvent = async <P extends object>(
    candidateId: string,
    type: string,
    match: (p: P) => boolean = () => true,
  ): Promise<DecodedEvent<P>> =>
    eventually(
      () => decoded(candidateId).find((e) => e.envelope.type === type && match(e.payload as P)) as DecodedEvent<P> | undefined,
      20000,
      type,
    );
  const count = async (table: string): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM candidate.${table}`))[0].n;
  const register = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    (await http().post('/candidates').set(COORDINATOR).send(registration(overrides)).expect(201)).body.candidateId;

  async function certifiedTask(candidateId: string, internshipId: string, taskId: string, level: number, assessedOn = '2026-03-10') {
    const { body: a } = await http()
      .post(`/internships/${internshipId}/assessments`)
      .set(COORDINATOR)
      .send({ taskId, level, assessedOn })
      .expect(201);
    const { body } = await http().post(`/assessments/${a.assessmentId}/certify`).set(COORDINATOR).expect(201);
    expect(body.candidateId).toBe(candidateId);
    return body as { validationId: string; effectiveLevel: number; supersedes: string | null };
  }

  async function internshipFor(candidateId: string): Promise<string> {
    const { body } = await http()
      .post('/internships')
      .set(COORDINATOR)
      .send({ candidateId, workplaceId, supervisorRole: 'kökschef', startDate: '2026-03-02', endDate: '2026-03-27' })
      .expect(201);
    return body.internshipId;
  }

  beforeAll(async () => {
    JsonLogger.sink = (line) => {
      logLines.push(line);
      originalSink(line);
    };
    stack = await startStack(['candidate']);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([candidatesTopic()]);
    workplaceId = await registerWorkplace(probe, stack, 'Skövde kommun kostenheten');
    roleId = await defineRole(probe, stack, 'serviceassistent', [
      { taskId: CLASSROOM, requiredLevel: 2, weight: 'must-have' },
      { taskId: DISHES, requiredLevel: 2, weight: 'must-have' },
      { taskId: LUNCH, requiredLevel: 1, weight: 'nice-to-have' },
    ]);
    await eventually(async () => (await count('workplaces')) === 1 && (await count('roles')) === 1, 30000, 'workplace and role');
  });

  afterAll(async () => {
    JsonLogger.sink = originalSink;
    await probe?.close();
    await db?.destroy();
    await stack?.close();
  });

  it('registers a candidate and publishes her matching profile without any personal data', async () => {
    const body = registration({ contact: { name: 'Hodan Registrerad', email: 'hodan.r@example.org' } });
    const { body: created } = await http().post('/candidates').set(COORDINATOR).send(body).expect(201);
    const event = await awaitEvent(created.candidateId, CandidateRegisteredV1.type);
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateVersion: 1,
      producer: 'candidate-service',
      actor: actor('coordinator.skovde'),
    });
    expect(event.payload).toEqual({
      candidateId: created.candidateId,
      revision: 1,
      homeMunicipality: '1496',
      availableFrom: '2026-12-01',
      maxCommuteMinutes: 45,
      interests: ['9412'],
      supportNeeds: { closeSupervision: true, languageSupport: true },
      waitingSince: swedishDay(new Date()),
      matchingConsent: true,
    });
    const raw = probe.messages.find((m) => m.key === created.candidateId)!.value!;
    for (const secret of ['Hodan', 'hodan.r@example.org', String(body.personalIdentityNumber).slice(9)]) expect(raw).not.toContain(secret);

    const { body: view } = await http().get(`/candidates/${created.candidateId}`).expect(200);
    expect(view.contact).toEqual({ name: 'Hodan Registrerad', email: 'hodan.r@example.org' });
    expect(view.personalIdentityNumberMasked).toBe(`${String(body.personalIdentityNumber).slice(0, 8)}-****`);
    expect(view).not.toHaveProperty('followUp');
    const [stored] = await db.query(`SELECT contact::text AS contact FROM candidate.personal_data WHERE candidate_id = $1`, [
      created.candidateId,
    ]);
    expect(stored.contact).not.toContain(Buffer.from('Hodan').toString('hex'));

    const { body: page } = await http().get('/candidates?pageSize=100').expect(200);
    const listed = page.items.find((i: { candidateId: string }) => i.candidateId === created.candidateId);
    expect(listed).toMatchObject({ homeMunicipality: '1496', matchingConsent: true });
    expect(JSON.stringify(page)).not.toContain('Hodan');
  });

  it("gives a coordinator her area's candidates' names in one call for a page of ids, and nobody else's", async () => {
    const amal = await register({ contact: { name: 'Amal Köande' } });
    const beza = await register({ contact: { name: 'Beza Köande' } });
    const erased = await register({ contact: { name: 'Cala Raderad' } });
    await http().post(`/candidates/${erased}/erasure`).expect(204);
    // Familjen Helsingborg's coordinator registers one of hers (Helsingborg, 1283).
    const elsewhere = () => authed(stack.apps.candidate!.getHttpServer(), as('coordinator.fh'));
    const hers = (
      await elsewhere()
        .post('/candidates')
        .send(registration({ homeMunicipality: '1283', contact: { name: 'Dina Annanstans' } }))
        .expect(201)
    ).body.candidateId as string;
    const unknown = randomUUID();

    const asked = [beza, hers, amal, unknown, erased, beza.toUpperCase()].join(',');
    const { body } = await http().get(`/candidates/names?ids=${asked}`).expect(200);
    // In the order asked, once each; another area's, an unknown and an erased candidate are left out alike.
    expect(body).toEqual({
      items: [
        { candidateId: beza, name: 'Beza Köande' },
        { candidateId: amal, name: 'Amal Köande' },
      ],
    });
    expect((await elsewhere().get(`/candidates/names?ids=${asked}`).expect(200)).body).toEqual({
      items: [{ candidateId: hers, name: 'Dina Annanstans' }],
    });
    // Employers, HR and supervisors never see a name (403); the read is audited as personal data.
    for (const user of ['employer.skovde', 'hr.skovde', 'supervisor.skovde'] as const) {
      await authed(stack.apps.candidate!.getHttpServer(), as(user)).get(`/candidates/names?ids=${amal}`).expect(403);
    }
    const audited = async (): Promise<number> =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM candidate.audit_log WHERE operation = 'CandidatesController_names' AND outcome = 'success'`,
        )
      )[0].n;
    await eventually(async () => (await audited()) === 2, 10000, 'the two reads of names audited');
    // Bad input says what is wrong.
    expect((await http().get('/candidates/names').expect(400)).body.message).toEqual(
      expect.arrayContaining([expect.stringContaining('ids')]),
    );
    const notAnId = await http().get(`/candidates/names?ids=${amal},kalle`).expect(400);
    expect(JSON.stringify(notAnId.body.message)).toContain('ids: each must be a candidate id (uuid)');
    const many = Array.from({ length: 101 }, () => randomUUID()).join(',');
    expect(JSON.stringify((await http().get(`/candidates/names?ids=${many}`).expect(400)).body.message)).toContain('at most 100');
  });

  it('runs an internship: certified tasks become TaskValidated on Kafka, higher supersedes lower, revocation restores', async () => {
    const candidateId = await register();
    const internshipId = await internshipFor(candidateId);

    const first = await certifiedTask(candidateId, internshipId, LUNCH, 2);
    const validated = await awaitEvent<TaskValidatedV1Payload>(
      candidateId,
      TaskValidatedV1.type,
      (p) => p.validationId === first.validationId,
    );
    expect(validated.payload).toEqual({
      validationId: first.validationId,
      candidateId,
      taskId: LUNCH,
      level: 2,
      effectiveLevel: 2,
      assessedOn: '2026-03-10',
      workplaceId,
    });
    expect(validated.envelope.aggregateVersion).toBe(2);

    const higher = await certifiedTask(candidateId, internshipId, LUNCH, 3, '2026-03-20');
    expect(higher).toMatchObject({ effectiveLevel: 3, supersedes: first.validationId });
    const lower = await certifiedTask(candidateId, internshipId, LUNCH, 1, '2026-03-21');
    expect(lower).toMatchObject({ effectiveLevel: 3, supersedes: null });
    const lowerEvent = await awaitEvent<TaskValidatedV1Payload>(
      candidateId,
      TaskValidatedV1.type,
      (p) => p.validationId === lower.validationId,
    );
    expect(lowerEvent.payload.effectiveLevel).toBe(3);
    expect(lowerEvent.payload).not.toHaveProperty('supersedes');

    const { body: revoked } = await http()
      .post(`/validations/${higher.validationId}/revoke`)
      .set(COORDINATOR)
      .send({ reason: 'assessment-error' })
      .expect(200);
    expect(revoked).toEqual({ validationId: higher.validationId, taskId: LUNCH, effectiveLevel: 2 });
    const revokedEvent = await awaitEvent(candidateId, TaskValidationRevokedV1.type);
    expect(revokedEvent.payload).toEqual({
      validationId: higher.validationId,
      candidateId,
      taskId: LUNCH,
      reason: 'assessment-error',
      effectiveLevel: 2,
    });
    await http().post(`/validations/${higher.validationId}/revoke`).set(COORDINATOR).send({ reason: 'other' }).expect(409);

    // Every event about her carries the next revision, in order.
    await eventually(() => decoded(candidateId).length === 5, 20000, 'five events');
    expect(decoded(candidateId).map((e) => e.envelope.aggregateVersion)).toEqual([1, 2, 3, 4, 5]);
    const { body: view } = await http().get(`/candidates/${candidateId}`).expect(200);
    expect(view.taskLevels).toEqual({ [LUNCH]: 2 });
  });

  it('lists the internships at a workplace and of a candidate, counting the assessments still to certify', async () => {
    const candidateId = await register();
    const internshipId = await internshipFor(candidateId);
    await certifiedTask(candidateId, internshipId, LUNCH, 2);
    await http()
      .post(`/internships/${internshipId}/assessments`)
      .set(COORDINATOR)
      .send({ taskId: DISHES, level: 2, assessedOn: '2026-03-11' })
      .expect(201);
    const other = await register();
    const otherInternship = await internshipFor(other);

    const { body: mine } = await http().get('/internships').query({ candidateId }).expect(200);
    expect(mine).toEqual({
      items: [
        {
          internshipId,
          candidateId,
          workplaceId,
          supervisorRole: 'kökschef',
          startDate: '2026-03-02',
          endDate: '2026-03-27',
          assessments: 2,
          uncertified: 1,
        },
      ],
      total: 1,
      limit: 50,
      offset: 0,
    });
    const { body: atWorkplace } = await http().get('/internships').query({ workplaceId, limit: 100 }).expect(200);
    expect(atWorkplace.items.map((i: { internshipId: string }) => i.internshipId)).toEqual(
      expect.arrayContaining([internshipId, otherInternship]),
    );
    const { body: none } = await http().get('/internships').query({ workplaceId: '00000000-0000-4000-8000-000000000000' }).expect(200);
    expect(none).toMatchObject({ items: [], total: 0 });
    await http().get('/internships').query({ workplaceId: 'nope', limit: 0 }).expect(400);
  });

  it('refuses to certify an assessment twice, and publishes nothing for it', async () => {
    const candidateId = await register();
    const internshipId = await internshipFor(candidateId);
    const { body: a } = await http()
      .post(`/internships/${internshipId}/assessments`)
      .set(COORDINATOR)
      .send({ taskId: DISHES, level: 2, assessedOn: '2026-03-05' })
      .expect(201);
    await http().post(`/assessments/${a.assessmentId}/certify`).set(COORDINATOR).expect(201);
    const outbox = await count('outbox');
    const { body } = await http().post(`/assessments/${a.assessmentId}/certify`).set(COORDINATOR).expect(409);
    expect(body.code).toBe('ALREADY_CERTIFIED');
    expect(await count('outbox')).toBe(outbox);
    expect(await db.query(`SELECT 1 FROM candidate.validations WHERE assessment_id = $1`, [a.assessmentId])).toHaveLength(1);
  });

  it('orders her job track by the open needs nearby each step would open, and lists her placements', async () => {
    const candidateId = await register({ maxCommuteMinutes: 30 });
    const internshipId = await internshipFor(candidateId);
    await certifiedTask(candidateId, internshipId, DISHES, 2);
    const must = (taskId: string, requiredLevel: 1 | 2 | 3 = 2) => ({ taskId, requiredLevel, weight: 'must-have' as const });
    // Two needs nearby miss only the classroom task for her; one far away (Malmö) would too but is out of reach.
    await postNeed(probe, stack, workplaceId, roleId, [must(CLASSROOM), must(DISHES)]);
    await postNeed(probe, stack, workplaceId, roleId, [must(CLASSROOM)]);
    await postNeed(probe, stack, workplaceId, roleId, [must(LUNCH, 1)]);
    await postNeed(probe, stack, workplaceId, roleId, [must(LUNCH, 1)], { workplaceMunicipality: '1280', countyCode: '12' });
    await postNeed(probe, stack, workplaceId, roleId, [must(LUNCH, 1)], { status: 'filled', positionsFilled: 2 });
    // A closing snapshot that overtakes the posting wins: the older revision arriving later is ignored.
    const overtaken = randomUUID();
    await postNeed(probe, stack, workplaceId, roleId, [must(CLASSROOM)], { needId: overtaken, revision: 2, status: 'closed' });
    await postNeed(probe, stack, workplaceId, roleId, [must(CLASSROOM)], { needId: overtaken, revision: 1 });
    await eventually(
      async () => (await db.query(`SELECT 1 FROM candidate.inbox WHERE aggregate_id = $1`, [overtaken])).length === 2,
      30000,
      'both snapshots',
    );
    await eventually(async () => (await count('needs')) >= 6, 30000, 'needs');
    expect((await db.query(`SELECT status, revision FROM candidate.needs WHERE need_id = $1`, [overtaken]))[0]).toEqual({
      status: 'closed',
      revision: 2,
    });

    const { body } = await http().get(`/candidates/${candidateId}/job-track?roleId=${roleId}`).expect(200);
    expect(body).toMatchObject({ candidateId, roleId, roleVersion: 1, roleName: 'serviceassistent', placements: [] });
    expect(body.nearbyMunicipalities).toContain('1496');
    expect(body.nearbyMunicipalities).not.toContain('1280');
    expect(body.steps.map((s: { taskId: string; opensNeeds: number }) => [s.taskId, s.opensNeeds])).toEqual([
      [CLASSROOM, 2],
      [LUNCH, 1],
    ]);
    await http().get(`/candidates/${candidateId}/job-track?roleId=${randomUUID()}`).expect(404);
    await http().get(`/candidates/${candidateId}/job-track`).expect(400);
  });

  it('records her placements from matching, and restarts her waiting time when one ends', async () => {
    const candidateId = await register();
    const placementId = randomUUID();
    const needId = randomUUID();
    await publishAs(probe, stack, PlacementStartedV1, placementId, {
      placementId,
      proposalId: randomUUID(),
      needId,
      candidateId,
      employerId: workplaceId,
      placementType: 'work-training',
      startDate: '2027-01-10',
      support: { supervisor: true, languageSupport: true, studyCounselling: false },
    });
    const track = async () => (await http().get(`/candidates/${candidateId}/job-track?roleId=${roleId}`).expect(200)).body;
    await eventually(async () => (await track()).placements.length === 1, 20000, 'placement');
    await publishAs(probe, stack, PlacementEndedV1, placementId, {
      placementId,
      needId,
      candidateId,
      endDate: '2027-03-01',
      outcome: 'completed-no-job',
    });
    const updated = await awaitEvent(candidateId, CandidateProfileUpdatedV1.type);
    expect(updated.payload).toMatchObject({ waitingSince: '2027-03-01', revision: 2 });
    expect((await track()).placements).toEqual([
      {
        placementId,
        needId,
        employerId: workplaceId,
        placementType: 'work-training',
        startDate: '2027-01-10',
        endDate: '2027-03-01',
        outcome: 'completed-no-job',
      },
    ]);
  });

  it('publishes a profile change as a full snapshot with the next revision', async () => {
    const candidateId = await register();
    const { body } = await http()
      .patch(`/candidates/${candidateId}`)
      .set(COORDINATOR)
      .send({ maxCommuteMinutes: 90, homeMunicipality: '1480' })
      .expect(200);
    expect(body.revision).toBe(2);
    const event = await awaitEvent(candidateId, CandidateProfileUpdatedV1.type);
    expect(event.payload).toMatchObject({
      revision: 2,
      maxCommuteMinutes: 90,
      homeMunicipality: '1480',
      interests: ['9412'],
      matchingConsent: true,
    });
    expect(event.envelope.tenant).toBe('se-14');
    // She moved to Göteborg: she is Göteborg's coordinators' now, and no longer Skövde's.
    await http().get(`/candidates/${candidateId}`).expect(404);
    const goteborg = await createUser(
      { id: 'municipality:1480', type: 'municipality', name: 'Göteborgs stad', tenant: 'se-14', municipalities: ['1480'] },
      ['coordinator'],
    );
    const there = () => authed(stack.apps.candidate!.getHttpServer(), goteborg.headers);
    const outbox = await count('outbox');
    expect((await there().patch(`/candidates/${candidateId}`).send({ maxCommuteMinutes: 90 }).expect(200)).body.revision).toBe(2);
    expect(await count('outbox')).toBe(outbox);
    await there().patch(`/candidates/${candidateId}`).send({ homeMunicipality: '9999' }).expect(422);
    await there()
      .patch(`/candidates/${candidateId}`)
      .send({ supportNeeds: { closeSupervision: 'no' } })
      .expect(400);
    await there().patch(`/candidates/${randomUUID()}`).send({ maxCommuteMinutes: 10 }).expect(404);
    await deleteUser(goteborg);
  });

  it('publishes ConsentChanged when matching consent is withdrawn, once', async () => {
    const candidateId = await register();
    const { body } = await http()
      .post(`/candidates/${candidateId}/consent`)
      .set(COORDINATOR)
      .send({ purpose: 'matching', given: false })
      .expect(200);
    expect(body).toMatchObject({ candidateId, purpose: 'matching', given: false, changed: true });
    const event = await awaitEvent(candidateId, ConsentChangedV1.type);
    expect(event.payload).toMatchObject({ candidateId, purpose: 'matching', given: false, revision: 2 });
    const outbox = await count('outbox');
    const { body: again } = await http().post(`/candidates/${candidateId}/consent`).send({ purpose: 'matching', given: false }).expect(200);
    expect(again.changed).toBe(false);
    expect(await count('outbox')).toBe(outbox);
    const { body: page } = await http().get('/candidates?pageSize=100').expect(200);
    expect(page.items.find((i: { candidateId: string }) => i.candidateId === candidateId).matchingConsent).toBe(false);
  });

  it('counts follow-up attributes only in aggregate, suppressing small cells, and deletes them when that consent is withdrawn', async () => {
    const followUp = { gender: 'woman', bornAbroad: true, yearOfArrival: 2016, reasonForImmigration: 'family-reunification' };
    const others = [
      { gender: 'man', bornAbroad: false },
      { gender: 'man', bornAbroad: false },
      { gender: 'other', bornAbroad: false },
    ];
    const ids: string[] = [];
    // Vara's own coordinator (a municipality no other test uses): Skövde's may register only Skövde's residents.
    const vara = await createUser(
      { id: 'municipality:1470', type: 'municipality', name: 'Vara kommun', tenant: 'se-14', municipalities: ['1470'] },
      ['coordinator'],
    );
    for (const f of [followUp, followUp, followUp, followUp, followUp, ...others]) {
      ids.push(
        (
          await http()
            .post('/candidates')
            .set(vara.headers)
            .send(registration({ homeMunicipality: '1470', followUp: f }))
            .expect(201)
        ).body.candidateId,
      );
    }
    // The region's analyst reads any municipality of Västra Götaland; Skövde's coordinator and Skåne's analyst
    // may not read Vara's; Vara's coordinator without a municipality gets her own area, not the country.
    const statistics = (headers: Record<string, string>, query = '') => http().get(`/statistics/follow-up${query}`).set(headers);
    const { body } = await statistics(ANALYST_VG, '?municipality=1470').expect(200);
    expect(body.total).toBe(8);
    const outside = await statistics(COORDINATOR, '?municipality=1470').expect(403);
    expect(outside.body.message).toMatch(/municipality: municipality 1470 is outside your organisation's area/);
    await statistics(as('analyst.skane'), '?municipality=1470').expect(403);
    expect((await statistics(vara.headers).expect(200)).body).toMatchObject({ municipality: null, total: 8 });
    expect(body.gender).toEqual({ woman: 5, man: null, other: null, 'not-stated': 0 });
    // One small cell alone would be total minus the other: its complement is hidden too.
    expect(body.bornAbroad).toEqual({ yes: null, no: null });
    for (const id of ids) {
      const raw = probe.messages
        .filter((m) => m.key === id)
        .map((m) => m.value)
        .join();
      expect(raw).not.toMatch(/woman|bornAbroad|family-reunification|2016/);
    }
    await http()
      .post(`/candidates/${ids[0]}/consent`)
      .set(vara.headers)
      .send({ purpose: 'follow-up-statistics', given: false })
      .expect(200);
    await deleteUser(vara);
    const { body: after } = await statistics(ANALYST_VG, '?municipality=1470').expect(200);
    expect(after.total).toBe(7);
    expect(after.gender.woman).toBeNull();
    expect(await db.query(`SELECT 1 FROM candidate.follow_up_attributes WHERE candidate_id = $1`, [ids[0]])).toHaveLength(0);
    await statistics(ANALYST_VG, '?municipality=0000').expect(422);
  });

  it('erases a candidate: no table in any schema and no record on any topic still holds her personal data', async () => {
    const personal = {
      name: 'Fardowsa Raderasdottir',
      email: 'fardowsa.raderas@example.org',
      phone: '+46 70 987 65 43',
      identityNumber: identityNumber('19790304'),
      comment: 'Arbetar lugnt och noggrant vid diskmaskinen, frågar när hon är osäker',
    };
    const candidateId = await register({
      personalIdentityNumber: personal.identityNumber,
      contact: { name: personal.name, email: personal.email, phone: personal.phone },
      followUp: { gender: 'woman', bornAbroad: true, yearOfArrival: 2019, reasonForImmigration: 'refugee' },
    });
    const internshipId = await internshipFor(candidateId);
    const { body: a } = await http()
      .post(`/internships/${internshipId}/assessments`)
      .set(COORDINATOR)
      .send({ taskId: DISHES, level: 2, assessedOn: '2026-03-12', comment: personal.comment })
      .expect(201);
    await http().post(`/assessments/${a.assessmentId}/certify`).set(COORDINATOR).expect(201);
    const { body: internship } = await http().get(`/internships/${internshipId}`).expect(200);
    expect(internship.assessments[0].comment).toBe(personal.comment);
    await awaitEvent(candidateId, TaskValidatedV1.type);

    const needles = [
      personal.name,
      personal.email,
      personal.phone,
      personal.identityNumber,
      personal.identityNumber.replace('-', ''),
      personal.comment,
    ];
    // The search reads every table: it finds plain text where there is some (a workplace name) and her id before erasure.
    expect(await searchDatabase(db, ['Skövde kommun kostenheten'])).toEqual([
      { schema: 'candidate', table: 'workplaces', needle: 'Skövde kommun kostenheten' },
    ]);
    expect((await searchDatabase(db, [candidateId])).map((h) => h.table)).toEqual(
      expect.arrayContaining([
        'candidates',
        'personal_data',
        'consents',
        'follow_up_attributes',
        'internships',
        'assessments',
        'validations',
        'outbox',
      ]),
    );
    // Personal data is stored only encrypted, even before erasure.
    expect(await searchDatabase(db, needles)).toEqual([]);

    // Other tests of this file erase candidates too: hers is the one tombstone more.
    const tombstones = async () => (await db.query(`SELECT 1 FROM candidate.erasures`)).length;
    const before = await tombstones();
    await http().post(`/candidates/${candidateId}/erasure`).set(COORDINATOR).expect(204);
    const erased = await awaitEvent(candidateId, CandidateErasedV1.type);
    expect(Object.keys(erased.payload).sort()).toEqual(['candidateId', 'erasedAt']);

    expect(await searchDatabase(db, needles)).toEqual([]);
    // What is left of her id once the erasure event is sent (the relay deletes it then): the audit log's entries
    // about her, which never held more than that id (the needles above are not in it either). The tombstone holds
    // her tag, not her id (libs/messaging erasure-tags.ts).
    const left = await eventually(
      async () => {
        const tables = (await searchDatabase(db, [candidateId])).map((h) => `${h.schema}.${h.table}`).sort();
        return !tables.includes('candidate.outbox') && tables;
      },
      30_000,
      'the erasure event to be sent and deleted',
    );
    expect(left).toEqual(['candidate.audit_log']);
    expect(await tombstones()).toBe(before + 1);

    const records = await readAllTopics(stack);
    expect(records.some((r) => r.key === candidateId)).toBe(true);
    for (const record of records) {
      const text = `${record.key} ${record.value} ${JSON.stringify(record.headers)}`.toLowerCase();
      for (const needle of needles) expect(text).not.toContain(needle.toLowerCase());
    }

    const logs = logLines.join('\n').toLowerCase();
    for (const needle of needles) expect(logs).not.toContain(needle.toLowerCase());

    await http().get(`/candidates/${candidateId}`).expect(404);
    await http().get(`/internships/${internshipId}`).expect(404);
    await http().post(`/candidates/${candidateId}/erasure`).expect(204);
    await http().delete(`/candidates/${randomUUID()}`).expect(404);
    expect(decoded(candidateId).filter((e) => e.envelope.type === CandidateErasedV1.type)).toHaveLength(1);

    // A late placement event for her is taken off the stream without bringing anything back.
    const placementId = randomUUID();
    const late = createEnvelope(
      PlacementStartedV1,
      {
        placementId,
        proposalId: randomUUID(),
        needId: randomUUID(),
        candidateId,
        employerId: workplaceId,
        placementType: 'internship',
        startDate: '2027-01-10',
        support: { supervisor: true, languageSupport: false, studyCounselling: false },
      },
      { producer: 'matching-service', tenant: 'se-14', aggregateId: placementId, aggregateVersion: 1, actor: 'test:matching' },
    );
    await probe.produce(stack.topic(Topics.placements), [{ key: placementId, value: JSON.stringify(late) }]);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM candidate.inbox WHERE event_id = $1`, [late.eventId])).length === 1,
      20000,
      'late event',
    );
    expect((await searchDatabase(db, [candidateId])).map((h) => h.table).sort()).toEqual(['audit_log']);
  });

  describe('bad input: a clear 4xx naming the field, nothing stored or published', () => {
    const tables = [
      'candidates',
      'personal_data',
      'consents',
      'follow_up_attributes',
      'internships',
      'assessments',
      'validations',
      'outbox',
    ];
    let before: Record<string, number>;
    let candidateId: string;
    let internshipId: string;
    const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));

    beforeAll(async () => {
      candidateId = await register();
      internshipId = await internshipFor(candidateId);
    });

    beforeEach(async () => {
      before = await snapshot();
    });

    afterEach(async () => {
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['an unknown municipality', { homeMunicipality: '9999' }, 422, /homeMunicipality/],
      ['an unknown occupation', { interests: ['9412', '0000'] }, 422, /interests\.1/],
      [
        'an identity number with a wrong check digit',
        { personalIdentityNumber: '19811218-9875' },
        422,
        /personalIdentityNumber: the check digit/,
      ],
      ['an identity number with an impossible date', { personalIdentityNumber: '19810230-1234' }, 422, /personalIdentityNumber: the date/],
      ['a malformed identity number', { personalIdentityNumber: '811218-9876' }, 400, /personalIdentityNumber must be 12 digits/],
      ['no consent', { consent: undefined }, 422, /consent\.matching/],
      ['matching consent false', { consent: { matching: false } }, 422, /consent\.matching/],
      ['matching consent of the wrong type', { consent: { matching: 'yes' } }, 400, /consent\.matching/],
      ['an extra field', { favouriteColour: 'blue' }, 400, /favouriteColour should not exist/],
      ['a missing field', { availableFrom: undefined }, 400, /availableFrom/],
      ['a wrong type', { maxCommuteMinutes: '45' }, 400, /maxCommuteMinutes/],
      ['a commute over 240 minutes', { maxCommuteMinutes: 241 }, 400, /maxCommuteMinutes must not be greater than 240/],
      ['too many languages', { languages: Array(21).fill('sv') }, 400, /languages must contain no more than 20/],
      ['an unknown language', { languages: ['xx'] }, 400, /languages must be an ISO 639-1/],
      ['an oversized name', { contact: { name: 'x'.repeat(201) } }, 400, /contact\.name must be shorter than or equal to 200/],
      [
        'a follow-up year of arrival for someone not born abroad',
        { followUp: { gender: 'woman', bornAbroad: false, yearOfArrival: 2010 } },
        422,
        /followUp\.yearOfArrival/,
      ],
      ['an unknown gender value', { followUp: { gender: 'female', bornAbroad: true } }, 400, /followUp\.gender/],
      // A list where one object belongs passes ValidateNested alone (it checks each element of none).
      ['support needs as a list', { supportNeeds: [] }, 400, /supportNeeds must be an object/],
      ['contact details as a list', { contact: [] }, 400, /contact must be an object/],
      ['consent as a list', { consent: [] }, 400, /consent must be an object/],
      ['follow-up attributes as a list', { followUp: [] }, 400, /followUp must be an object/],
    ])('rejects a registration with %s', async (_, overrides, status, message) => {
      const body = registration(overrides);
      const { body: error } = await http().post('/candidates').send(body).expect(status);
      expect(JSON.stringify(error.message)).toMatch(message);
    });

    it('rejects a second registration with the same identity number', async () => {
      const number = identityNumber('19920101');
      const taken = registration({ personalIdentityNumber: number });
      await http().post('/candidates').send(taken).expect(201);
      before = await snapshot();
      const { body } = await http()
        .post('/candidates')
        .send(registration({ personalIdentityNumber: number.replace('-', '') }))
        .expect(409);
      expect(body.code).toBe('IDENTITY_NUMBER_TAKEN');
    });

    it.each([
      ['an unknown workplace', () => ({ workplaceId: randomUUID() }), 422, /workplaceId/],
      ['an unknown candidate', () => ({ candidateId: randomUUID() }), 404, /candidate/],
      ['an end before the start', () => ({ endDate: '2026-03-01' }), 422, /endDate/],
      ['a malformed id', () => ({ candidateId: 'abc' }), 400, /candidateId must be a UUID/],
      ['a person-like supervisor text that is too long', () => ({ supervisorRole: 'k'.repeat(81) }), 400, /supervisorRole/],
      ['a date that is not a date', () => ({ startDate: '2026-13-01' }), 400, /startDate/],
    ])('rejects an internship with %s', async (_, overrides, status, message) => {
      const body = { candidateId, workplaceId, supervisorRole: 'kökschef', startDate: '2026-03-02', endDate: '2026-03-27', ...overrides() };
      const { body: error } = await http().post('/internships').send(body).expect(status);
      expect(JSON.stringify(error.message)).toMatch(message);
    });

    it.each([
      ['an unknown task', { taskId: 'kitchen.juggle-plates' }, 422, /taskId/],
      ['level 0', { level: 0 }, 400, /level must not be less than 1/],
      ['level 4', { level: 4 }, 400, /level must not be greater than 3/],
      ['a date before the internship', { assessedOn: '2026-03-01' }, 422, /assessedOn: 2026-03-01 is outside/],
      ['a date after the internship', { assessedOn: '2026-03-28' }, 422, /assessedOn/],
      ['an oversized comment', { comment: 'x'.repeat(1001) }, 400, /comment must be shorter than or equal to 1000/],
      ['an extra field', { supervisorName: 'Anna' }, 400, /supervisorName should not exist/],
    ])('rejects an assessment with %s', async (_, overrides, status, message) => {
      const body = { taskId: DISHES, level: 2, assessedOn: '2026-03-10', ...overrides };
      const { body: error } = await http().post(`/internships/${internshipId}/assessments`).send(body).expect(status);
      expect(JSON.stringify(error.message)).toMatch(message);
    });

    it('answers 404 for an assessment of an unknown internship, certifying or revoking what does not exist', async () => {
      await http()
        .post(`/internships/${randomUUID()}/assessments`)
        .send({ taskId: DISHES, level: 2, assessedOn: '2026-03-10' })
        .expect(404);
      expect((await http().post(`/assessments/${randomUUID()}/certify`).expect(404)).body.code).toBe('ASSESSMENT_NOT_FOUND');
      expect((await http().post(`/validations/${randomUUID()}/revoke`).send({ reason: 'other' }).expect(404)).body.code).toBe(
        'VALIDATION_NOT_FOUND',
      );
      await http().post(`/validations/${randomUUID()}/revoke`).send({ reason: 'because' }).expect(400);
      await http().post(`/validations/not-a-uuid/revoke`).send({ reason: 'other' }).expect(400);
      await http().post(`/candidates/${candidateId}/consent`).send({ purpose: 'marketing', given: true }).expect(400);
      await http().post(`/candidates/${randomUUID()}/consent`).send({ purpose: 'matching', given: false }).expect(404);
    });
  });

  it('rejects an assessment dated after today within an internship under way (422 naming the date and today), stores nothing', async () => {
    const day = (offset: number) => swedishDay(new Date(Date.now() + offset * 86_400_000));
    const candidateId = await register();
    const { body: current } = await http()
      .post('/internships')
      .send({ candidateId, workplaceId, supervisorRole: 'kökschef', startDate: day(-5), endDate: day(25) })
      .expect(201);
    const { body: error } = await http()
      .post(`/internships/${current.internshipId}/assessments`)
      .send({ taskId: DISHES, level: 2, assessedOn: day(1) })
      .expect(422);
    expect(error).toMatchObject({ code: 'ASSESSMENT_IN_FUTURE', details: { field: 'assessedOn', today: day(0) } });
    expect(error.message).toBe(`assessedOn: ${day(1)} is after today (${day(0)}); a task is assessed once it has been performed`);
    const { body: internship } = await http().get(`/internships/${current.internshipId}`).expect(200);
    expect(internship.assessments).toEqual([]);
    // Today itself is fine.
    await http()
      .post(`/internships/${current.internshipId}/assessments`)
      .send({ taskId: DISHES, level: 2, assessedOn: day(0) })
      .expect(201);
  });

  it("shows a supervisor only her own workplace's interns and a coordinator only her area's, and lets neither act on the others", async () => {
    const day = (offset: number) => swedishDay(new Date(Date.now() + offset * 86_400_000));
    // Sofia Handledare (supervisor.skovde) works for the employer with organisation number 212000-1876.
    const hers = await registerWorkplace(probe, stack, 'Skövde kommun äldreomsorgen', '1496', '212000-1876');
    await eventually(async () => (await db.query(`SELECT 1 FROM candidate.workplaces WHERE workplace_id = $1`, [hers])).length === 1);
    const start = (candidateId: string, at: string) =>
      http()
        .post('/internships')
        .send({ candidateId, workplaceId: at, supervisorRole: 'undersköterska', startDate: day(-10), endDate: day(20) })
        .expect(201)
        .then((r) => r.body.internshipId as string);
    const mine = await start(await register(), hers);
    const other = await start(await register(), workplaceId);
    const supervisor = () => authed(stack.apps.candidate!.getHttpServer(), as('supervisor.skovde'));
    const elsewhere = () => authed(stack.apps.candidate!.getHttpServer(), as('coordinator.fh'));
    const ids = (body: { items: Array<{ internshipId: string }> }) => body.items.map((i) => i.internshipId);

    // Her list holds her workplace's internships only, asked with or without the workplace; another's is empty.
    const listed = (await supervisor().get('/internships?limit=100').expect(200)).body;
    expect(ids(listed)).toContain(mine);
    expect(ids(listed)).not.toContain(other);
    expect(listed.items.every((i: { workplaceId: string }) => i.workplaceId === hers)).toBe(true);
    expect((await supervisor().get(`/internships?workplaceId=${workplaceId}`).expect(200)).body).toMatchObject({ items: [], total: 0 });
    await supervisor().get(`/internships/${mine}`).expect(200);
    const notHers = await supervisor().get(`/internships/${other}`).expect(404);
    expect(notHers.body.code).toBe('INTERNSHIP_NOT_FOUND');

    // She assesses her own intern; another workplace's intern is not there for her, and nothing is stored.
    await supervisor()
      .post(`/internships/${mine}/assessments`)
      .send({ taskId: DISHES, level: 2, assessedOn: day(-1) })
      .expect(201);
    await supervisor()
      .post(`/internships/${other}/assessments`)
      .send({ taskId: DISHES, level: 2, assessedOn: day(-1) })
      .expect(404);
    expect((await db.query(`SELECT count(*)::int AS n FROM candidate.assessments WHERE internship_id = $1`, [other]))[0].n).toBe(0);

    // A coordinator of another area sees neither, and cannot certify or revoke for a candidate of Skövde.
    const inFh = (await elsewhere().get('/internships?limit=100').expect(200)).body;
    expect(ids(inFh)).not.toContain(mine);
    expect(ids(inFh)).not.toContain(other);
    await elsewhere().get(`/internships/${mine}`).expect(404);
    const [{ assessment_id: assessmentId }] = await db.query(`SELECT assessment_id FROM candidate.assessments WHERE internship_id = $1`, [
      mine,
    ]);
    expect((await elsewhere().post(`/assessments/${assessmentId}/certify`).expect(404)).body.code).toBe('ASSESSMENT_NOT_FOUND');
    const { body: validation } = await http().post(`/assessments/${assessmentId}/certify`).expect(201);
    const revoked = await elsewhere()
      .post(`/validations/${validation.validationId}/revoke`)
      .send({ reason: 'wrong-candidate' })
      .expect(404);
    expect(revoked.body.code).toBe('VALIDATION_NOT_FOUND');
    expect(
      (await db.query(`SELECT revoked_at FROM candidate.validations WHERE validation_id = $1`, [validation.validationId]))[0].revoked_at,
    ).toBeNull();
    // Skövde's coordinator sees both.
    const inSkovde = ids((await http().get('/internships?limit=100').expect(200)).body);
    expect(inSkovde).toEqual(expect.arrayContaining([mine, other]));
  });
});
