import 'reflect-metadata';
import { CandidateRegisteredV1, PlacementStartedV1, Topics } from '@jobbspar/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { as, authed } from '../support/auth';
import { testInfra, uniqueName } from '../support/infra';
import { eventually, KafkaProbe, ProbedMessage } from '../support/kafka-probe';
import { startStack, TestStack } from '../support/stack';
import { searchDatabase } from './candidate-fixture';

jest.setTimeout(120_000);

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Erasure really erases (issue 8): after a candidate is erased, no row of any table of any schema (every service's
 * read models, inbox, outbox, recorded Idempotency-Key responses, tombstones) holds her pseudonymous id, searched as
 * text through information_schema; and her events delivered again (a rebalance, a relay that published twice) bring
 * nothing back, neither her rows nor her id. The one exception, asserted as such: the audit logs, whose entries say
 * who read or changed the record of that id (accountability kept on purpose; they never held more than the id).
 */
describe('erasure across the four services', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let db: DataSource;
  const employer = () => authed(stack.apps.employer!.getHttpServer(), as('admin.vg'));
  const candidate = () => authed(stack.apps.candidate!.getHttpServer(), as('coordinator.skovde'));
  const matching = () => authed(stack.apps.matching!.getHttpServer(), as('coordinator.skovde'));

  beforeAll(async () => {
    stack = await startStack(['employer', 'candidate', 'matching', 'followUp']);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.candidates), stack.topic(Topics.placements), stack.topic(Topics.proposals)]);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await probe?.close();
    await stack?.close();
  });

  /** The tables (schema.table) any of whose rows holds `id` as text. */
  const holding = async (id: string) => [...new Set((await searchDatabase(db, [id])).map((h) => `${h.schema}.${h.table}`))].sort();

  /** Waits until each consuming group has committed past the given records (they have been applied, or absorbed). */
  async function consumedPast(records: ProbedMessage[], services: string[]): Promise<void> {
    const admin = new Kafka({ clientId: uniqueName('erasure-admin'), brokers: testInfra().brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      for (const service of services) {
        for (const record of records) {
          await eventually(
            async () => {
              const [topic] = await admin.fetchOffsets({ groupId: `${stack.config.groupPrefix}${service}`, topics: [record.topic] });
              const committed = topic.partitions.find((p) => p.partition === record.partition)?.offset ?? '-1';
              return Number(committed) > Number(record.offset);
            },
            60_000,
            `${service} to consume ${record.topic}@${record.offset}`,
          );
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  it('leaves her id in no table but the audit logs, and her redelivered events bring nothing back', async () => {
    const { body: org } = await employer()
      .post('/employers')
      .send({ organisationNumber: '212000-1355', name: 'Skövde kommun', sector: 'public', municipalityCode: '1496', isMunicipality: true })
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
        positions: 1,
        workplaceMunicipality: '1496',
        startDate: day(30),
        placementType: 'work-training',
        support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: false },
      })
      .expect(201);
    const mustHaves = (need.tasks as { taskId: string; weight: string }[]).filter((t) => t.weight === 'must-have');
    const registration = {
      contact: { name: 'Sagal Raderas' },
      homeMunicipality: '1496',
      availableFrom: day(-10),
      maxCommuteMinutes: 45,
      interests: ['9111'],
      supportNeeds: { closeSupervision: false, languageSupport: false },
      languages: ['so'],
      consent: { matching: true },
      followUp: { gender: 'woman', bornAbroad: true },
    };
    // Registered with an Idempotency-Key: the recorded answer names her.
    const registrationKey = randomUUID();
    const { body: her } = await candidate().post('/candidates').set('Idempotency-Key', registrationKey).send(registration).expect(201);
    const id: string = her.candidateId;
    const internship = await eventually(
      async () => {
        const r = await candidate()
          .post('/internships')
          .send({ candidateId: id, workplaceId: org.id, supervisorRole: 'lokalvårdare', startDate: day(-40), endDate: day(-1) });
        return r.status === 201 && r.body;
      },
      30_000,
      'candidate-service to know the workplace',
    );
    for (const task of mustHaves) {
      const { body: assessment } = await candidate()
        .post(`/internships/${internship.internshipId}/assessments`)
        .send({ taskId: task.taskId, level: 3, assessedOn: day(-5) })
        .expect(201);
      await candidate()
        .post(`/assessments/${assessment.assessmentId}/certify`)
        .expect((r) => expect([200, 201]).toContain(r.status));
    }
    const proposal = await eventually(
      async () => (await matching().get(`/matching/candidates/${id}/proposals`).expect(200)).body.items[0],
      30_000,
      'a proposal for her',
    );
    await matching().post(`/matching/proposals/${proposal.proposalId}/accept`).set('Idempotency-Key', randomUUID()).expect(200);
    const { body: placement } = await matching()
      .post(`/matching/proposals/${proposal.proposalId}/confirm`)
      .set(as('hr.skovde'))
      .send({ startDate: day(30), support: { supervisor: true, languageSupport: false, studyCounselling: false } })
      .expect(201);
    // Every service has applied her placement (follow-up-service and candidate-service hold it).
    await eventually(
      async () =>
        (await db.query(`SELECT 1 FROM follow_up.placements WHERE candidate_id = $1`, [id])).length === 1 &&
        (await db.query(`SELECT 1 FROM candidate.placements WHERE candidate_id = $1`, [id])).length === 1,
      30_000,
      'her placement in follow-up- and candidate-service',
    );

    // The search finds her where she is: in each service's records, its inbox and outbox, the recorded answers
    // (candidate-service's inbox holds her placement's id, which is not hers).
    const before = await holding(id);
    expect(before).toEqual(
      expect.arrayContaining([
        'candidate.candidates',
        'candidate.idempotency_keys',
        'candidate.outbox',
        'matching.candidates',
        'matching.inbox',
        'matching.outbox',
        'matching.placements',
        'matching.proposals',
        'follow_up.inbox',
        'follow_up.persons',
        'follow_up.placements',
      ]),
    );

    const registered = probe.messages.find((m) => m.key === id && m.value?.includes(`"type":"${CandidateRegisteredV1.type}"`))!;
    const started = probe.messages.find((m) => m.value?.includes(`"type":"${PlacementStartedV1.type}"`) && m.value.includes(id))!;
    expect(registered && started).toBeTruthy();

    await candidate().post(`/candidates/${id}/erasure`).expect(204);

    // Once every service has applied the erasure and the relays have sent (and then deleted) what named her.
    const AUDIT = ['candidate.audit_log', 'matching.audit_log'];
    const left = await eventually(
      async () => {
        const tables = await holding(id);
        return tables.every((t) => t.endsWith('.audit_log')) && tables;
      },
      60_000,
      'no table but the audit logs to hold her id',
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; still holding her id: ${(await holding(id)).join(', ')}`);
    });
    expect(left.every((t) => AUDIT.includes(t))).toBe(true);
    // What stayed of her: tombstones by tag, her proposal and placement as statistics under a random id.
    expect((await db.query(`SELECT count(*)::int AS n FROM candidate.erasures`))[0].n).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM matching.erasures`))[0].n).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM follow_up.erasures`))[0].n).toBe(1);
    expect(await db.query(`SELECT status FROM matching.placements WHERE placement_id = $1`, [placement.placementId])).toHaveLength(1);
    // Her placement's events are hers too: their inbox rows no longer name it (candidate-service forgets them under
    // row-level security, in her coordinator's transaction), though they are kept.
    for (const schema of ['candidate', 'follow_up']) {
      expect(await db.query(`SELECT 1 FROM ${schema}.inbox WHERE aggregate_id = $1`, [placement.placementId])).toEqual([]);
      expect((await db.query(`SELECT count(*)::int AS n FROM ${schema}.inbox WHERE aggregate_id LIKE 'erased:%'`))[0].n).toBeGreaterThan(0);
    }

    // Her registration and her placement delivered again, byte for byte (a rebalance, a relay that sent twice).
    const inboxRows = async () => (await db.query(`SELECT count(*)::int AS n FROM matching.inbox`))[0].n as number;
    const inboxBefore = await inboxRows();
    const copies = probe.messages.length;
    await probe.produce(registered.topic, [{ key: registered.key!, value: registered.value!, headers: registered.headers }]);
    await probe.produce(started.topic, [{ key: started.key!, value: started.value!, headers: started.headers }]);
    const again = await eventually(() => {
      const fresh = probe.messages.slice(copies);
      const r = fresh.find((m) => m.value === registered.value);
      const s = fresh.find((m) => m.value === started.value);
      return r && s && [r, s];
    }, 30_000);
    await consumedPast([again[0]], ['matching-service', 'follow-up-service']);
    await consumedPast([again[1]], ['candidate-service', 'follow-up-service', 'employer-service']);

    // Absorbed as duplicates: nothing came back, not even an inbox row naming her.
    expect(await holding(id)).toEqual(left);
    expect(await inboxRows()).toBe(inboxBefore);
    expect(await db.query(`SELECT 1 FROM follow_up.persons WHERE candidate_id = $1`, [id])).toEqual([]);
    expect((await matching().get(`/matching/candidates/${id}/proposals`).expect(200)).body.items).toEqual([]);
    await candidate().get(`/candidates/${id}`).expect(404);

    // A retried registration with her key answers that its result was erased, and registers nobody.
    const { body: retried } = await candidate().post('/candidates').set('Idempotency-Key', registrationKey).send(registration).expect(404);
    expect(retried.code).toBe('RESULT_ERASED');
    expect((await db.query(`SELECT count(*)::int AS n FROM candidate.candidates`))[0].n).toBe(0);
  });
});
