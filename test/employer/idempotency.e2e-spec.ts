import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { requestFingerprint } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import { ADMIN, EmployerApi, HR, organisationNumber, SKOVDE, startEmployerOnly } from './employer-fixture';
import { actor, as } from '../support/auth';

/**
 * Creating writes with an Idempotency-Key: a retry (after a crash, a timeout, a lost response) answers the first
 * result and creates nothing twice. The mechanism is generic (libs/platform, a table per service schema); these
 * tests drive it through employer-service's real endpoints.
 */
describe('Idempotency-Key on creating writes', () => {
  let stack: TestStack;
  let api: EmployerApi;
  let db: DataSource;
  let employerId: string;
  let roleId: string;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await db.query(sql, params))[0].n;
  const needsOf = (employer: string) => count('SELECT count(*)::int AS n FROM employer.needs WHERE employer_id = $1', [employer]);

  beforeAll(async () => {
    stack = await startEmployerOnly();
    api = new EmployerApi(stack);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
    employerId = (await api.registerEmployer()).id;
    roleId = (await api.standardRole('9412')).id;
  });

  afterAll(async () => {
    await db?.destroy();
    await stack?.close();
  });

  it('answers a repeat with the first response, marked as replayed, and creates one need', async () => {
    const key = randomUUID();
    const body = api.needBody(employerId, roleId);
    const first = await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT count(*)::int AS n FROM employer.needs WHERE id = $1', [first.body.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM employer.outbox WHERE message_key = $1`, [first.body.id])).toBe(1);
  });

  it("answers a repeat with the first response's own status, not the route's default", async () => {
    const key = randomUUID();
    // The standard role exists (beforeAll): 200, not POST's 201. Its transaction locks the role (a write), so the key is recorded.
    const first = await api.http().post('/roles/standard').set(HR).set('Idempotency-Key', key).send({ ssyk: '9412' }).expect(200);
    const again = await api.http().post('/roles/standard').set(HR).set('Idempotency-Key', key).send({ ssyk: '9412' });
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(again.body).toEqual(first.body);
    expect(await count(`SELECT response_status AS n FROM employer.idempotency_keys WHERE key = $1`, [key])).toBe(200);
  });

  it('creates twice without a key, as before', async () => {
    const employer = (await api.registerEmployer()).id;
    const body = api.needBody(employer, roleId);
    await api.http().post('/needs').set(ADMIN).send(body).expect(201);
    await api.http().post('/needs').set(ADMIN).send(body).expect(201);
    expect(await needsOf(employer)).toBe(2);
  });

  it('lets concurrent twins create one need and answer them all with it', async () => {
    const employer = (await api.registerEmployer()).id;
    const key = randomUUID();
    const body = api.needBody(employer, roleId);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await needsOf(employer)).toBe(1);
  });

  it('covers a write that publishes nothing (a draft need) just the same', async () => {
    const employer = (await api.registerEmployer()).id;
    const key = randomUUID();
    const body = api.needBody(employer, roleId, { publish: false });
    const first = await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(body).expect(201);
    const again = await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await needsOf(employer)).toBe(1);
  });

  it('creates once when the client gave up before the response and retried', async () => {
    const employer = (await api.registerEmployer()).id;
    const key = randomUUID();
    const body = JSON.stringify(api.needBody(employer, roleId));
    const { port } = stack.apps.employer!.getHttpServer().listening
      ? (stack.apps.employer!.getHttpServer().address() as AddressInfo)
      : await new Promise<AddressInfo>((resolve) => {
          const server = stack.apps.employer!.getHttpServer();
          server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo));
        });
    // The first attempt: sent in full, then the connection is dropped, so the client never sees the 201.
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/needs',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...ADMIN },
      });
      req.on('error', () => resolve());
      req.end(body, () => setTimeout(() => (req.destroy(), resolve()), 5));
    });
    await eventually(async () => (await needsOf(employer)) === 1, 20_000, 'the abandoned attempt committed');
    const retry = await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(JSON.parse(body));
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await needsOf(employer)).toBe(1);
  });

  it('refuses a key reused for a different request with 422, changing nothing', async () => {
    const key = randomUUID();
    const registration = { organisationNumber: organisationNumber(), name: 'Städ AB', sector: 'private', municipalityCode: SKOVDE };
    const first = await api.http().post('/employers').set(ADMIN).set('Idempotency-Key', key).send(registration).expect(201);
    const other = { ...registration, organisationNumber: organisationNumber() };
    const reused = await api.http().post('/employers').set(ADMIN).set('Idempotency-Key', key).send(other).expect(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/different request/) });
    expect(
      await count('SELECT count(*)::int AS n FROM employer.employers WHERE organisation_number = $1', [other.organisationNumber]),
    ).toBe(0);
    // The same key on another path is another request too.
    await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(api.needBody(first.body.id, roleId)).expect(422);
  });

  it("keeps a caller's keys her own: the same key from someone else is that caller's own request, answered her own result", async () => {
    const key = randomUUID();
    const inSkovde = { organisationNumber: organisationNumber(), name: 'Nyckel AB', sector: 'private', municipalityCode: SKOVDE };
    const inHelsingborg = { organisationNumber: organisationNumber(), name: 'Nyckel Syd AB', sector: 'private', municipalityCode: '1283' };
    const vg = await api.http().post('/employers').set(ADMIN).set('Idempotency-Key', key).send(inSkovde).expect(201);
    const skane = await api.http().post('/employers').set(as('admin.skane')).set('Idempotency-Key', key).send(inHelsingborg).expect(201);
    expect(skane.headers['idempotent-replayed']).toBeUndefined();
    expect(skane.body.id).not.toBe(vg.body.id);
    // Each retry gets her own first answer back.
    const vgAgain = await api.http().post('/employers').set(ADMIN).set('Idempotency-Key', key).send(inSkovde).expect(201);
    const skaneAgain = await api
      .http()
      .post('/employers')
      .set(as('admin.skane'))
      .set('Idempotency-Key', key)
      .send(inHelsingborg)
      .expect(201);
    expect([vgAgain.body.id, skaneAgain.body.id]).toEqual([vg.body.id, skane.body.id]);
    expect(await db.query(`SELECT actor FROM employer.idempotency_keys WHERE key = $1 ORDER BY actor`, [key])).toEqual(
      [actor('admin.skane'), actor('admin.vg')].sort().map((a) => ({ actor: a })),
    );
  });

  it('rejects a malformed key with 400 and says what a key must be', async () => {
    const res = await api
      .http()
      .post('/needs')
      .set(ADMIN)
      .set('Idempotency-Key', 'has spaces in it')
      .send(api.needBody(employerId, roleId));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Idempotency-Key must be 1 to 255 visible ASCII characters/);
  });

  it('answers 409 for a key whose write committed but whose response was never recorded', async () => {
    const key = randomUUID();
    const body = api.needBody(employerId, roleId);
    // What a crash between the commit and the recording leaves behind: the key of this very request, no response.
    const fingerprint = requestFingerprint({ method: 'POST', url: '/needs', body, actor: actor('admin.vg') });
    await db.query(
      `INSERT INTO employer.idempotency_keys (actor, key, fingerprint, created_at) VALUES ($1, $2, $3, now() - interval '1 minute')`,
      [actor('admin.vg'), key, fingerprint],
    );
    const before = await needsOf(employerId);
    const res = await api.http().post('/needs').set(ADMIN).set('Idempotency-Key', key).send(body);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'IDEMPOTENCY_RESULT_UNKNOWN',
      message: expect.stringMatching(/was applied, but its response was not recorded/),
    });
    expect(await needsOf(employerId)).toBe(before);
  });

  it('documents the header on every write operation', async () => {
    const { body } = await api.http().get('/openapi.json').expect(200);
    const post = body.paths['/needs'].post;
    expect(post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]),
    );
    expect(body.paths['/needs'].get.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(false);
  });
});
