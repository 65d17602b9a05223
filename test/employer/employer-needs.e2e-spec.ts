import 'reflect-metadata';
import {
  CONTRACTS,
  deadLetterTopic,
  EmployerRegisteredV1,
  NeedClosedV1,
  NeedPostedV1,
  NeedSnapshotV1Payload,
  NeedUpdatedV1,
  RoleDefinedV1,
  RoleVersionedV1,
  Topics,
} from '@jobbspar/contracts';
import { buildOpenApi } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { actor, createUser, deleteUser, employerOrganisation, testAuthConfig } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe, ProbedMessage } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import {
  CLASSROOM,
  day,
  DISHWASHING,
  EmployerApi,
  FALKOPING,
  HR,
  LULEA,
  placementStarted,
  startEmployerOnly,
  RESTOCK,
  SERVE_LUNCH,
  SKOVDE,
  TIDY_ROOMS,
  WASH_AND_SORT,
} from './employer-fixture';

/** employer-service on real Kafka and PostgreSQL: what it stores, what it publishes, what it consumes. */
describe('employer-service: employers, roles and needs end to end', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let db: DataSource;
  let api: EmployerApi;

  const topic = (logical: string) => stack.topic(logical);
  const messagesFor = (logical: string, key: string): ProbedMessage[] =>
    probe.messages.filter((m) => m.topic === topic(logical) && m.key === key);
  /** Waits for `count` messages keyed by the aggregate and decodes each with the published contracts. */
  const decoded = async (logical: string, key: string, count: number) => {
    const messages = await eventually(
      () => messagesFor(logical, key).length >= count && messagesFor(logical, key),
      20000,
      `${count} messages for ${key}`,
    );
    return messages
      .map((m) => CONTRACTS.decode(m.value, logical))
      .sort((a, b) => a.envelope.aggregateVersion - b.envelope.aggregateVersion);
  };

  beforeAll(async () => {
    stack = await startEmployerOnly();
    api = new EmployerApi(stack);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([
      topic(Topics.employers),
      topic(Topics.roles),
      topic(Topics.needs),
      topic(Topics.placements),
      deadLetterTopic(stack.config.topicPrefix, 'employer-service'),
    ]);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
  });

  afterAll(async () => {
    await probe?.close();
    await db?.destroy();
    await stack?.close();
  });

  it('posts a need over HTTP and publishes NeedPosted v1 on Kafka in the documented contract', async () => {
    const employer = await api.municipality();
    const role = await api.standardRole('9412');
    // Someone on the staff of that employer, logged in at the provider: her organisation is in her token.
    const staff = await createUser(employerOrganisation(employer.organisationNumber, SKOVDE, 'se-14'), ['employer']);
    const { body: need } = await api
      .http()
      .post('/needs')
      .set({ ...staff.headers, 'x-correlation-id': 'corr-need-posted-1' })
      .send(api.needBody(employer.id, role.id, { positions: 3, placementType: 'work-training' }))
      .expect(201);

    expect(need).toMatchObject({
      employerId: employer.id,
      roleId: role.id,
      roleVersion: 1,
      status: 'open',
      revision: 1,
      positions: 3,
      positionsFilled: 0,
      positionsOpen: 3,
      workplaceMunicipality: SKOVDE,
      countyCode: '14',
      placementType: 'work-training',
    });

    const [event] = await decoded(Topics.needs, need.id, 1);
    expect(event.contract).toBe(NeedPostedV1);
    expect(event.envelope).toMatchObject({
      type: 'NeedPosted',
      schemaVersion: 1,
      producer: 'employer-service',
      tenant: 'se-14',
      aggregateId: need.id,
      aggregateVersion: 1,
      correlationId: 'corr-need-posted-1',
      actor: `employer:${staff.id}`,
    });
    const payload = event.payload as NeedSnapshotV1Payload;
    expect({ ...payload, support: { ...payload.support }, tasks: payload.tasks.map((t) => ({ ...t })) }).toEqual({
      needId: need.id,
      revision: 1,
      employerId: employer.id,
      roleId: role.id,
      roleVersion: 1,
      roleName: 'Restaurang- och köksbiträden m.fl.',
      occupations: ['9412'],
      tasks: need.tasks.map((t: { taskId: string; requiredLevel: number; weight: string }) => ({
        taskId: t.taskId,
        requiredLevel: t.requiredLevel,
        weight: t.weight,
      })),
      positions: 3,
      positionsFilled: 0,
      workplaceMunicipality: SKOVDE,
      countyCode: '14',
      startDate: need.startDate,
      placementType: 'work-training',
      support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: true },
      status: 'open',
      shortage: false,
    });
    expect(payload.tasks.length).toBeGreaterThan(0);
    expect(payload.tasks.some((t) => t.weight === 'must-have')).toBe(true);

    // The employer and the role went out too, each on its own stream, keyed by its id.
    const [registered] = await decoded(Topics.employers, employer.id, 1);
    expect(registered.contract).toBe(EmployerRegisteredV1);
    expect(registered.payload).toMatchObject({ employerId: employer.id, isMunicipality: true, municipalityCode: SKOVDE, sector: 'public' });
    const [defined] = await decoded(Topics.roles, role.id, 1);
    expect(defined.contract).toBe(RoleDefinedV1);
    expect(defined.envelope.tenant).toBe('se');
    expect(defined.payload).toMatchObject({ roleId: role.id, version: 1, kind: 'standard', occupations: ['9412'] });
  });

  it('composes a serviceassistent role from three occupations’ tasks, and versions it without touching posted needs', async () => {
    const skovde = await api.municipality();
    const tasks = [
      { taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'must-have' },
      { taskId: DISHWASHING, requiredLevel: 1, weight: 'nice-to-have' },
      { taskId: CLASSROOM, requiredLevel: 2, weight: 'must-have' },
      { taskId: RESTOCK, requiredLevel: 1, weight: 'must-have' },
      { taskId: TIDY_ROOMS, requiredLevel: 1, weight: 'nice-to-have' },
      { taskId: WASH_AND_SORT, requiredLevel: 1, weight: 'nice-to-have' },
    ];
    const { body: role } = await api
      .http()
      .post('/roles')
      .set(HR)
      .send({ employerId: skovde.id, name: 'Serviceassistent i skola och förskola', tasks })
      .expect(201);
    expect(role).toMatchObject({ kind: 'composed', employerId: skovde.id, latestVersion: 1, occupations: ['9412', '9111', '5311'] });
    expect(role.tasks.map((t: { taskId: string }) => t.taskId)).toEqual(tasks.map((t) => t.taskId));
    expect(role.tasks[0]).toMatchObject({ taskId: SERVE_LUNCH, nameSv: 'Servera skollunch' });
    expect(role.versions).toHaveLength(1);

    const [defined] = await decoded(Topics.roles, role.id, 1);
    expect(defined.contract).toBe(RoleDefinedV1);
    expect(defined.envelope).toMatchObject({ tenant: 'se-14', aggregateVersion: 1, actor: actor('hr.skovde') });
    expect(defined.payload).toMatchObject({
      roleId: role.id,
      version: 1,
      employerId: skovde.id,
      kind: 'composed',
      occupations: ['9412', '9111', '5311'],
    });

    const needOnV1 = await api.postNeed(skovde.id, role.id);
    expect(needOnV1.roleVersion).toBe(1);

    // HR raises the lunch level: version 2. The need posted on version 1 keeps version 1's tasks.
    const changed = tasks.map((t) => (t.taskId === SERVE_LUNCH ? { ...t, requiredLevel: 3 } : t));
    const { body: v2 } = await api.http().put(`/roles/${role.id}`).set(HR).send({ name: 'Serviceassistent', tasks: changed }).expect(200);
    expect(v2.latestVersion).toBe(2);
    expect(v2.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const [, versioned] = await decoded(Topics.roles, role.id, 2);
    expect(versioned.contract).toBe(RoleVersionedV1);
    expect(versioned.payload).toMatchObject({ version: 2, name: 'Serviceassistent' });

    const kept = await api.getNeed(needOnV1.id);
    expect(kept.roleVersion).toBe(1);
    expect(kept.roleName).toBe('Serviceassistent i skola och förskola');
    expect(kept.tasks.find((t) => t.taskId === SERVE_LUNCH)?.requiredLevel).toBe(2);
    const { body: v1 } = await api.http().get(`/roles/${role.id}/versions/1`).expect(200);
    expect(v1.tasks.find((t: { taskId: string }) => t.taskId === SERVE_LUNCH).requiredLevel).toBe(2);

    expect((await api.postNeed(skovde.id, role.id)).roleVersion).toBe(2);
    expect((await api.postNeed(skovde.id, role.id, { roleVersion: 1 })).roleVersion).toBe(1);

    // The same content again is not a change: no version 3, nothing published.
    await api.http().put(`/roles/${role.id}`).set(HR).send({ name: 'Serviceassistent', tasks: changed }).expect(200);
    expect((await api.http().get(`/roles/${role.id}`).expect(200)).body.latestVersion).toBe(2);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM employer.outbox WHERE message_key = $1`, [role.id]);
    expect(n).toBe(2);

    // Her employer's composed roles, paged: the page and its total from one statement, and past the end the total still.
    const { body: other } = await api
      .http()
      .post('/roles')
      .set(HR)
      .send({ employerId: skovde.id, name: 'Kökspersonal', tasks: tasks.slice(0, 2) })
      .expect(201);
    const roles = async (query: Record<string, string | number>) => {
      const { body } = await api
        .http()
        .get('/roles')
        .set(HR)
        .query({ employerId: skovde.id, kind: 'composed', ...query })
        .expect(200);
      return { ids: body.items.map((r: { id: string }) => r.id), total: body.total };
    };
    expect(await roles({})).toEqual({ ids: [other.id, role.id], total: 2 });
    expect(await roles({ limit: 1, offset: 1 })).toEqual({ ids: [role.id], total: 2 });
    expect(await roles({ offset: 5 })).toEqual({ ids: [], total: 2 });
    expect(await roles({ occupation: '5120' })).toEqual({ ids: [], total: 0 });
  });

  it('takes a need from draft through open and an update to closed, publishing only once it is open', async () => {
    const employer = await api.registerEmployer();
    const role = await api.standardRole('9111');
    const draft = await api.postNeed(employer.id, role.id, { publish: false });
    expect(draft).toMatchObject({ status: 'draft', revision: 1, positionsOpen: 0 });
    await api.http().patch(`/needs/${draft.id}`).send({ positions: 4 }).expect(200);

    const { body: opened } = await api.http().post(`/needs/${draft.id}/open`).expect(200);
    expect(opened).toMatchObject({ status: 'open', revision: 3, positions: 4, positionsOpen: 4 });
    const { body: updated } = await api
      .http()
      .patch(`/needs/${draft.id}`)
      .send({ startDate: day(60), support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true } })
      .expect(200);
    expect(updated).toMatchObject({
      revision: 4,
      startDate: day(60),
      support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true },
    });
    const { body: closed } = await api.http().post(`/needs/${draft.id}/close`).send({ reason: 'funding-ended' }).expect(200);
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'funding-ended', revision: 5, positionsOpen: 0 });

    const events = await decoded(Topics.needs, draft.id, 3);
    expect(events.map((e) => [e.envelope.type, e.envelope.aggregateVersion])).toEqual([
      ['NeedPosted', 3],
      ['NeedUpdated', 4],
      ['NeedClosed', 5],
    ]);
    expect(events[0].payload).toMatchObject({ status: 'open', positions: 4, revision: 3 });
    expect(events[1].contract).toBe(NeedUpdatedV1);
    expect(events[1].payload).toMatchObject({ revision: 4, startDate: day(60), support: { supervisorCapacity: 1 } });
    expect(events[2].contract).toBe(NeedClosedV1);
    expect(events[2].payload).toEqual(
      expect.objectContaining({ needId: draft.id, revision: 5, status: 'closed', reason: 'funding-ended' }),
    );

    // A discarded draft was never posted: nothing about it is published.
    const discarded = await api.postNeed(employer.id, role.id, { publish: false });
    await api.http().post(`/needs/${discarded.id}/close`).expect(200);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM employer.outbox WHERE message_key = $1`, [discarded.id]);
    expect(n).toBe(0);
  });

  it('takes positions when matching starts placements on Kafka, and fills the need at the last one', async () => {
    const employer = await api.registerEmployer();
    const role = await api.standardRole('9111');
    const need = await api.postNeed(employer.id, role.id, { positions: 2 });
    const placements = topic(Topics.placements);

    const first = placementStarted(need);
    await probe.produce(placements, [first]);
    const afterFirst = await eventually(async () => {
      const n = await api.getNeed(need.id);
      return n.positionsFilled === 1 && n;
    });
    expect(afterFirst).toMatchObject({ status: 'open', positionsOpen: 1, revision: 2 });

    // The same event again (a redelivery) changes nothing: the inbox remembers its id.
    await probe.produce(placements, [first]);
    const second = placementStarted(need);
    await probe.produce(placements, [second]);
    const filled = await eventually(async () => {
      const n = await api.getNeed(need.id);
      return n.status === 'filled' && n;
    });
    expect(filled).toMatchObject({ positionsFilled: 2, positionsOpen: 0, revision: 3, closeReason: 'positions-filled' });

    const events = await decoded(Topics.needs, need.id, 3);
    expect(events.map((e) => [e.envelope.type, e.envelope.aggregateVersion])).toEqual([
      ['NeedPosted', 1],
      ['NeedUpdated', 2],
      ['NeedClosed', 3],
    ]);
    expect(events[1].payload).toMatchObject({ positionsFilled: 1, status: 'open' });
    expect(events[1].envelope.causationId).toBe(JSON.parse(first.value).eventId);
    expect(events[2].payload).toEqual(expect.objectContaining({ status: 'filled', reason: 'positions-filled', revision: 3 }));
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM employer.inbox WHERE aggregate_id IN ($1, $2)`, [
      JSON.parse(first.value).aggregateId,
      JSON.parse(second.value).aggregateId,
    ]);
    expect(n).toBe(2);

    // A closed need cannot be updated any more.
    const res = await api.http().patch(`/needs/${need.id}`).send({ positions: 5 }).expect(409);
    expect(res.body).toMatchObject({ code: 'NEED_NOT_EDITABLE' });
  });

  it('dead-letters a PlacementStarted for a need it does not know, and goes on', async () => {
    const unknown = { id: randomUUID(), employerId: randomUUID() };
    const bad = placementStarted(unknown);
    await probe.produce(topic(Topics.placements), [bad]);
    const dlq = deadLetterTopic(stack.config.topicPrefix, 'employer-service');
    const [dead] = await eventually(() => {
      const found = probe.messages.filter((m) => m.topic === dlq && m.key === bad.key);
      return found.length > 0 && found;
    });
    expect(dead.headers['dead-letter-reason']).toContain(`no need with id ${unknown.id}`);

    // The consumer is not stuck behind it.
    const employer = await api.registerEmployer();
    const need = await api.postNeed(employer.id, (await api.standardRole('9111')).id, { positions: 3 });
    await probe.produce(topic(Topics.placements), [placementStarted(need)]);
    await eventually(async () => (await api.getNeed(need.id)).positionsFilled === 1);
  });

  it('lists open needs unless asked for another status, with filters and pages, and the total', async () => {
    const employer = await api.registerEmployer();
    const kitchen = await api.standardRole('9412');
    const nurses = await api.standardRole('5321');
    const a = await api.postNeed(employer.id, kitchen.id, { workplaceMunicipality: SKOVDE, placementType: 'internship' });
    const b = await api.postNeed(employer.id, nurses.id, { workplaceMunicipality: FALKOPING, placementType: 'employment' });
    const c = await api.postNeed(employer.id, kitchen.id, { workplaceMunicipality: LULEA, placementType: 'internship', publish: false });
    expect(b.shortage).toBe(true);
    expect(a.shortage).toBe(false);

    const list = async (query: Record<string, string | number>) => {
      const { body } = await api
        .http()
        .get('/needs')
        .query({ employerId: employer.id, ...query })
        .expect(200);
      return { ids: body.items.map((n: { id: string }) => n.id), total: body.total };
    };
    // By default only open needs (the draft c is not one); `any` lists every status.
    expect(await list({})).toEqual({ ids: [b.id, a.id], total: 2 });
    expect(await list({ county: '25' })).toEqual({ ids: [], total: 0 });
    await api.http().get('/needs').query({ status: 'all' }).expect(400);
    const ids = (query: Record<string, string | number>) => list({ status: 'any', ...query });
    expect(await ids({})).toEqual({ ids: [c.id, b.id, a.id], total: 3 });
    expect(await ids({ municipality: FALKOPING })).toEqual({ ids: [b.id], total: 1 });
    expect(await ids({ county: '14' })).toEqual({ ids: [b.id, a.id], total: 2 });
    expect(await ids({ county: '25' })).toEqual({ ids: [c.id], total: 1 });
    expect(await ids({ occupation: '9412' })).toEqual({ ids: [c.id, a.id], total: 2 });
    expect(await ids({ shortageOnly: 'true' })).toEqual({ ids: [b.id], total: 1 });
    expect(await ids({ shortageOnly: 'false' })).toEqual({ ids: [c.id, b.id, a.id], total: 3 });
    expect(await ids({ status: 'draft' })).toEqual({ ids: [c.id], total: 1 });
    expect(await ids({ status: 'open', placementType: 'internship' })).toEqual({ ids: [a.id], total: 1 });
    expect(await ids({ limit: 2 })).toEqual({ ids: [c.id, b.id], total: 3 });
    expect(await ids({ limit: 2, offset: 2 })).toEqual({ ids: [a.id], total: 3 });
    expect(await ids({ offset: 10 })).toEqual({ ids: [], total: 3 });
    // Text in the role's name (any case) or the employer's; % and _ match only themselves; one letter is refused.
    expect(await ids({ q: 'RESTAURANG' })).toEqual({ ids: [c.id, a.id], total: 2 });
    expect(await ids({ q: 'undersköterskor', status: 'open' })).toEqual({ ids: [b.id], total: 1 });
    expect(await ids({ q: 'kök & städ', limit: 1, offset: 1 })).toEqual({ ids: [b.id], total: 3 });
    expect(await ids({ q: '%_' })).toEqual({ ids: [], total: 0 });
    const short = await api.http().get('/needs').query({ q: 'k' }).expect(400);
    expect(JSON.stringify(short.body.message)).toContain('q must be 2 to 100 characters');
  });

  it("reads a page's needs in one call: every status, in the order asked, only those the caller may see; bad ids are a 400 naming ids", async () => {
    const mine = await api.registerEmployer();
    const theirs = await api.registerEmployer();
    const kitchen = await api.standardRole('9412');
    const a = await api.postNeed(mine.id, kitchen.id);
    const draft = await api.postNeed(mine.id, kitchen.id, { publish: false });
    const b = await api.postNeed(theirs.id, kitchen.id);
    const unknown = randomUUID();
    const batch = async (ids: string, headers?: Record<string, string>) => {
      const req = api.http().get('/needs/batch').query({ ids });
      const { body } = await (headers ? req.set(headers) : req).expect(200);
      return body.items.map((n: { id: string; status: string }) => n.id);
    };
    // The region's admin sees all three: in the order asked, each once, the draft too; an unknown id is left out.
    expect(await batch([b.id, a.id, draft.id, unknown, a.id.toUpperCase()].join(','))).toEqual([b.id, a.id, draft.id]);
    const { body: full } = await api.http().get('/needs/batch').query({ ids: a.id }).expect(200);
    expect(full.items).toEqual([await api.getNeed(a.id)]);

    // Staff of one employer: only her organisation's needs; another's is left out, as its single read is a 404.
    const staff = await createUser(employerOrganisation(mine.organisationNumber, SKOVDE, 'se-14'), ['employer']);
    const norrbotten = await createUser(
      { id: 'region:25', type: 'region', name: 'Region Norrbotten', tenant: 'se-25', municipalities: [LULEA] },
      ['admin'],
    );
    try {
      expect(await batch([b.id, a.id, draft.id].join(','), staff.headers)).toEqual([a.id, draft.id]);
      await api.http().get(`/needs/${b.id}`).set(staff.headers).expect(404);
      // Another region's admin: none of them.
      expect(await batch([a.id, b.id].join(','), norrbotten.headers)).toEqual([]);
    } finally {
      await deleteUser(staff);
      await deleteUser(norrbotten);
    }

    const refused = async (query: Record<string, string>, says: string) => {
      const { body } = await api.http().get('/needs/batch').query(query).expect(400);
      expect(JSON.stringify(body.message)).toContain(says);
    };
    await refused({}, 'ids: name at least one need id');
    await refused({ ids: ',,' }, 'ids: name at least one need id');
    await refused({ ids: `${a.id},not-a-need` }, 'ids: each must be a need id (uuid)');
    await refused({ ids: Array.from({ length: 101 }, () => randomUUID()).join(',') }, 'ids: at most 100 need ids per call');
  });

  it("applies an administrator's shortage override to needs posted after it", async () => {
    const employer = await api.registerEmployer();
    const role = await api.standardRole('9622');
    const before = await api.postNeed(employer.id, role.id, { workplaceMunicipality: LULEA });
    expect(before.shortage).toBe(false);

    // Norrbotten's admin: an override is her region's (Västra Götaland's admin is refused it).
    const norrbotten = await createUser(
      { id: 'region:25', type: 'region', name: 'Region Norrbotten', tenant: 'se-25', municipalities: [LULEA] },
      ['admin'],
    );
    await api.http().put('/taxonomy/shortage-overrides').send({ countyCode: '25', ssyk: '9622', shortage: true }).expect(403);
    const { body: county } = await api
      .http()
      .put('/taxonomy/shortage-overrides')
      .set(norrbotten.headers)
      .send({ countyCode: '25', ssyk: '9622', shortage: true })
      .expect(200);
    expect(county.occupations).toContain('9622');
    expect(county.overrides).toEqual([
      expect.objectContaining({ countyCode: '25', ssyk: '9622', shortage: true, setBy: `admin:${norrbotten.id}` }),
    ]);

    const after = await api.postNeed(employer.id, role.id, { workplaceMunicipality: LULEA });
    expect(after.shortage).toBe(true);
    const [posted] = await decoded(Topics.needs, after.id, 1);
    expect(posted.payload).toMatchObject({ shortage: true });
    // An update recomputes it.
    expect((await api.http().patch(`/needs/${before.id}`).send({ positions: 3 }).expect(200)).body.shortage).toBe(true);

    await api.http().delete('/taxonomy/shortage-overrides/25/9622').expect(403);
    await api.http().delete('/taxonomy/shortage-overrides/25/9622').set(norrbotten.headers).expect(204);
    await api.http().delete('/taxonomy/shortage-overrides/25/9622').set(norrbotten.headers).expect(404);
    await deleteUser(norrbotten);
    expect((await api.postNeed(employer.id, role.id, { workplaceMunicipality: LULEA })).shortage).toBe(false);
  });

  it('shows the taxonomy read-only to the UI', async () => {
    const { body: summary } = await api.http().get('/taxonomy').expect(200);
    expect(summary).toMatchObject({ municipalities: 290, counties: 21 });
    expect(summary.occupations).toBeGreaterThanOrEqual(30);
    expect(summary.tasks).toBeGreaterThanOrEqual(100);
    const { body: vg } = await api.http().get('/taxonomy/municipalities').query({ county: '14' }).expect(200);
    expect(vg).toHaveLength(49);
    expect(vg.find((m: { code: string }) => m.code === SKOVDE)).toMatchObject({ name: 'Skövde', countyCode: '14' });
    const { body: kitchenTasks } = await api.http().get('/taxonomy/tasks').query({ ssyk: '9412' }).expect(200);
    expect(kitchenTasks.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([SERVE_LUNCH, DISHWASHING]));
    expect(kitchenTasks.every((t: { occupations: string[] }) => t.occupations.includes('9412'))).toBe(true);
    expect(kitchenTasks[0].levels).toEqual({ 1: expect.any(String), 2: expect.any(String), 3: expect.any(String) });
    const { body: occupations } = await api.http().get('/taxonomy/occupations').expect(200);
    expect(occupations.find((o: { ssyk: string }) => o.ssyk === '5321').nameSv).toMatch(/^Undersköterskor/);
    const { body: templates } = await api.http().get('/taxonomy/role-templates').expect(200);
    expect(templates.map((t: { key: string }) => t.key)).toEqual(['serviceassistent', 'enhetsassistent']);
    await api.http().get('/taxonomy/tasks').query({ ssyk: '0001' }).expect(422);
    await api.http().get('/taxonomy/municipalities').query({ county: '15' }).expect(422);
  });

  it("composes Skövde's serviceassistent from the template, ready for the demo", async () => {
    const skovde = await api.municipality();
    const { body: templates } = await api.http().get('/taxonomy/role-templates').expect(200);
    const template = templates.find((t: { key: string }) => t.key === 'serviceassistent');
    const { body: role } = await api
      .http()
      .post('/roles')
      .set(HR)
      .send({ employerId: skovde.id, name: template.nameSv, tasks: template.tasks, occupations: template.occupations })
      .expect(201);
    expect(role.occupations).toEqual(template.occupations);
    const need = await api.postNeed(skovde.id, role.id, { positions: 5 });
    expect(need.tasks).toHaveLength(template.tasks.length);
    const standard = await api.standardRole('9412');
    const { body: standardAgain } = await api.http().post('/roles/standard').send({ ssyk: '9412' }).expect(200);
    expect(standardAgain).toMatchObject({ id: standard.id, latestVersion: 1 });
  });

  it('describes every field, parameter and operation in its OpenAPI document', () => {
    const doc = buildOpenApi(stack.apps.employer!, 'employer-service', 'test', testAuthConfig());
    const undescribed: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      for (const [field, property] of Object.entries(
        (schema as { properties?: Record<string, { description?: string }> }).properties ?? {},
      )) {
        if (!property.description) undescribed.push(`${name}.${field}`);
      }
    }
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(
        operations as Record<string, { summary?: string; parameters?: { name: string; description?: string }[] }>,
      )) {
        // The platform's probes and metrics (libs/platform service/health.ts) are the same in every service.
        if (path === '/health' || path.startsWith('/health/') || path === '/metrics') continue;
        if (!operation.summary) undescribed.push(`${method.toUpperCase()} ${path}`);
        for (const parameter of operation.parameters ?? [])
          if (!parameter.description) undescribed.push(`${method.toUpperCase()} ${path} ?${parameter.name}`);
      }
    }
    expect(undescribed).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/employers',
        '/employers/{id}',
        '/roles',
        '/roles/standard',
        '/roles/{id}',
        '/roles/{id}/versions/{version}',
        '/needs',
        '/needs/batch',
        '/needs/{id}',
        '/needs/{id}/open',
        '/needs/{id}/close',
        '/taxonomy/occupations',
        '/taxonomy/tasks',
        '/taxonomy/municipalities',
      ]),
    );
  });
});
