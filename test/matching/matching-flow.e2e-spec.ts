import 'reflect-metadata';
import { Topics } from '@jobbspar/contracts';
import { DataSource } from 'typeorm';
import { readAllTopics, searchDatabase } from '../candidate/candidate-fixture';
import { as, authed } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { startStack, TestStack } from '../support/stack';

jest.setTimeout(90_000);

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The whole product path through the three services on real Kafka and PostgreSQL: an employer posts a need, a
 * coordinator certifies a candidate's tasks, matching proposes her with an explanation; acceptance and the
 * employer's confirmation start a placement, which employer-service counts against the need.
 */
describe('matching across employer-, candidate- and matching-service', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let db: DataSource;
  const employer = () => authed(stack.apps.employer!.getHttpServer(), as('admin.vg'));
  const candidate = () => authed(stack.apps.candidate!.getHttpServer(), as('coordinator.skovde'));
  const matching = () => authed(stack.apps.matching!.getHttpServer(), as('coordinator.skovde'));

  beforeAll(async () => {
    stack = await startStack(['employer', 'candidate', 'matching']);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.proposals), stack.topic(Topics.placements)]);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await probe?.close();
    await stack?.close();
  });

  it('posts a need, certifies her tasks, proposes her with an explanation, and places her', async () => {
    const { body: org } = await employer()
      .post('/employers')
      .send({ organisationNumber: '212000-1355', name: 'Skövde kommun', sector: 'public', municipalityCode: '1496', isMunicipality: true })
      .expect(201);
    const { body: role } = await employer()
      .post('/roles/standard')
      .send({ ssyk: '5120' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const { body: need } = await employer()
      .post('/needs')
      .send({
        employerId: org.id,
        roleId: role.id,
        positions: 1,
        workplaceMunicipality: '1496',
        startDate: day(30),
        placementType: 'internship',
        support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
      })
      .expect(201);
    const mustHaves = (need.tasks as { taskId: string; requiredLevel: number; weight: string }[]).filter((t) => t.weight === 'must-have');

    const { body: her } = await candidate()
      .post('/candidates')
      .send({
        contact: { name: 'Amina' },
        homeMunicipality: '1496',
        availableFrom: day(-10),
        maxCommuteMinutes: 60,
        interests: ['5120'],
        supportNeeds: { closeSupervision: true, languageSupport: true },
        languages: ['ar'],
        consent: { matching: true },
        followUp: { gender: 'woman', bornAbroad: true },
      })
      .expect((r) => expect([r.status, r.body.message]).toEqual([201, undefined]));
    // candidate-service learns the workplace from EmployerRegistered: retry until it has.
    const internship = await eventually(
      async () => {
        const r = await candidate()
          .post('/internships')
          .send({ candidateId: her.candidateId, workplaceId: org.id, supervisorRole: 'handledare', startDate: day(-60), endDate: day(-1) });
        return r.status === 201
          ? r.body
          : r.status === 422
            ? undefined
            : Promise.reject(new Error(`${r.status} ${JSON.stringify(r.body)}`));
      },
      30_000,
      'candidate-service to know the workplace',
    );
    for (const task of mustHaves) {
      const { body: assessment } = await candidate()
        .post(`/internships/${internship.internshipId}/assessments`)
        .send({ taskId: task.taskId, level: 3, assessedOn: day(-5) })
        .expect((r) => expect([r.status, r.body.message]).toEqual([201, undefined]));
      await candidate()
        .post(`/assessments/${assessment.assessmentId}/certify`)
        .expect((r) => expect([200, 201]).toContain(r.status));
    }

    const proposal = await eventually(
      async () => {
        const { body } = await matching().get(`/matching/needs/${need.id}/proposals`).expect(200);
        return body.items.find((p: { candidateId: string }) => p.candidateId === her.candidateId);
      },
      30_000,
      'a proposal for her',
    );
    expect(proposal.status).toBe('proposed');
    expect(proposal.explanation.tasksCovered.map((t: { taskId: string }) => t.taskId)).toEqual(
      expect.arrayContaining(mustHaves.map((t) => t.taskId)),
    );
    const queue = await matching().get('/matching/review-queue').query({ municipality: '1496' }).expect(200);
    expect(queue.body.items.map((p: { proposalId: string }) => p.proposalId)).toContain(proposal.proposalId);

    await matching().post(`/matching/proposals/${proposal.proposalId}/accept`).set(as('coordinator.skovde')).expect(200);
    const { body: placement } = await matching()
      .post(`/matching/proposals/${proposal.proposalId}/confirm`)
      // Skövde kommun is the employer: its HR answers for it.
      .set(as('hr.skovde'))
      .send({ startDate: day(30), support: { supervisor: true, languageSupport: true, studyCounselling: false } })
      .expect(201);
    await eventually(() => probe.envelopes().some((e) => e.type === 'PlacementStarted' && e.payload.placementId === placement.placementId));

    // employer-service counts the placement against the need: its only position is filled.
    const filled = await eventually(
      async () => {
        const { body } = await employer().get(`/needs/${need.id}`).expect(200);
        return body.positionsFilled === 1 && body;
      },
      30_000,
      'the need to count the placement',
    );
    expect(filled.status).toBe('filled');
  });

  /**
   * Erasure reaches every service: after CandidateErased, no table of any service and no Kafka record holds the
   * personal data registered for her, and matching holds nothing it could score her with.
   */
  it('withdraws her proposals and leaves no personal data in any schema or on any topic', async () => {
    const personal = {
      name: 'Hibaaq Raderadsson',
      email: 'hibaaq.raderad@example.org',
      phone: '+46 70 111 22 33',
      comment: 'Städar klassrummen grundligt och frågar om instruktionerna',
    };
    const { body: org } = await employer()
      .post('/employers')
      .send({ organisationNumber: '212000-1876', name: 'Skövde kommun', sector: 'public', municipalityCode: '1496', isMunicipality: true })
      .expect(201);
    const { body: role } = await employer()
      .post('/roles/standard')
      .send({ ssyk: '9111' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const { body: need } = await employer()
      .post('/needs')
      .send({
        employerId: org.id,
        roleId: role.id,
        positions: 2,
        workplaceMunicipality: '1496',
        startDate: day(30),
        placementType: 'work-training',
        support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: false },
      })
      .expect(201);
    const mustHaves = (need.tasks as { taskId: string; weight: string }[]).filter((t) => t.weight === 'must-have');
    const { body: her } = await candidate()
      .post('/candidates')
      .send({
        contact: { name: personal.name, email: personal.email, phone: personal.phone },
        homeMunicipality: '1496',
        availableFrom: day(-10),
        maxCommuteMinutes: 45,
        interests: ['9111'],
        supportNeeds: { closeSupervision: false, languageSupport: false },
        languages: ['so'],
        consent: { matching: true },
        followUp: { gender: 'woman', bornAbroad: true, yearOfArrival: 2018, reasonForImmigration: 'family-reunification' },
      })
      .expect(201);
    const internship = await eventually(
      async () => {
        const r = await candidate()
          .post('/internships')
          .send({
            candidateId: her.candidateId,
            workplaceId: org.id,
            supervisorRole: 'lokalvårdare',
            startDate: day(-40),
            endDate: day(-1),
          });
        return r.status === 201 && r.body;
      },
      30_000,
      'candidate-service to know the workplace',
    );
    for (const task of mustHaves) {
      const { body: assessment } = await candidate()
        .post(`/internships/${internship.internshipId}/assessments`)
        .send({ taskId: task.taskId, level: 3, assessedOn: day(-5), comment: personal.comment })
        .expect(201);
      await candidate()
        .post(`/assessments/${assessment.assessmentId}/certify`)
        .expect((r) => expect([200, 201]).toContain(r.status));
    }
    const proposal = await eventually(
      async () => {
        const { body } = await matching().get(`/matching/candidates/${her.candidateId}/proposals`).expect(200);
        return body.items[0];
      },
      30_000,
      'a proposal for her',
    );

    await eventually(
      () => probe.envelopes().some((e) => e.type === 'ProposalCreated' && e.payload.proposalId === proposal.proposalId),
      30_000,
      'the proposal to be published',
    );

    await candidate().post(`/candidates/${her.candidateId}/erasure`).expect(204);

    const withdrawn = await eventually(
      () => probe.envelopes().find((e) => e.type === 'ProposalWithdrawn' && e.payload.proposalId === proposal.proposalId),
      30_000,
      'her proposal to be withdrawn',
    );
    expect(withdrawn.payload.reason).toBe('candidate-erased');
    const { body: left } = await matching().get(`/matching/candidates/${her.candidateId}/proposals`).expect(200);
    expect(left.items).toEqual([]);
    for (const table of ['match_edges', 'validations', 'candidate_task_levels', 'proposals', 'placements']) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM matching.${table} WHERE candidate_id = $1`, [her.candidateId]);
      expect({ table, n }).toEqual({ table, n: 0 });
    }
    const [tombstone] = await db.query(`SELECT profile FROM matching.candidates WHERE candidate_id = $1`, [her.candidateId]);
    expect(tombstone?.profile ?? null).toBeNull();
    const published: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM matching.outbox WHERE envelope->'payload'->>'candidateId' = $1 AND event_type = 'ProposalCreated'`,
      [her.candidateId],
    );
    expect(published[0].n).toBe(0);

    const needles = Object.values(personal);
    expect(await searchDatabase(db, needles)).toEqual([]);
    for (const record of await readAllTopics(stack)) {
      const text = `${record.value} ${JSON.stringify(record.headers)}`.toLowerCase();
      for (const needle of needles) expect(text).not.toContain(needle.toLowerCase());
    }
  });
});
