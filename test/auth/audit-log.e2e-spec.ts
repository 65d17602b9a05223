import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { QueryBus } from '@nestjs/cqrs';
import { asService } from '@jobbspar/platform';
import { luhnCheckDigit } from '../../apps/candidate-service/src/candidates/domain/personal-identity-number';
import { as } from '../support/auth';
import { takeViolations } from '../support/contract-check';
import { startStack, type TestStack } from '../support/stack';
import { organisationNumber, SKOVDE } from '../employer/employer-fixture';

/**
 * The audit log (libs/platform/src/audit/): every command and every read of a candidate's personal data, with who,
 * what, which object, when, outcome and correlation id, in each service's own append-only table, readable by the
 * admins of the caller's region at GET /audit/<service>.
 */
interface Row {
  tenant: string | null;
  subject: string;
  actor: string;
  roles: string[];
  organisation: string;
  operation: string;
  method: string;
  route: string;
  object_id: string | null;
  status: number;
  outcome: string;
  correlation_id: string;
}

const claims = (user: Parameters<typeof as>[0]) =>
  JSON.parse(Buffer.from(as(user).authorization.slice(7).split('.')[1], 'base64url').toString()) as { sub: string };

describe('audit log', () => {
  let stack: TestStack;
  /** The owner's connection (what the migrations run as): the test reads back through it, past row-level security. */
  let candidateDb: DataSource;
  let employerDb: DataSource;
  /** candidate-service's own connection: its login role, under row-level security. */
  let candidateService: DataSource;
  const person = {
    name: 'Amina Haddad',
    email: 'amina.haddad@example.org',
    phone: '+46 70 123 45 67',
    identityNumber: `19880304-123${luhnCheckDigit('880304123')}`,
  };
  let candidateId: string;
  const coordinator = () => claims('coordinator.fh').sub;

  /** The entries about an object, once the given number have been written (an entry follows its response). */
  async function entries(db: DataSource, schema: string, objectId: string, atLeast: number): Promise<Row[]> {
    for (let attempt = 0; ; attempt++) {
      const rows: Row[] = await db.query(`SELECT * FROM "${schema}".audit_log WHERE object_id = $1 ORDER BY occurred_at, id`, [objectId]);
      if (rows.length >= atLeast || attempt > 100) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    stack = await startStack(['employer', 'candidate'], { transport: 'in-process' });
    candidateService = stack.apps.candidate!.get(DataSource);
    candidateDb = await new DataSource({ type: 'postgres', url: stack.databaseUrl, extra: { max: 2 } }).initialize();
    employerDb = candidateDb;
    const server = stack.apps.candidate!.getHttpServer();
    const registered = await request(server)
      .post('/candidates')
      .set(as('coordinator.fh'))
      .set('X-Correlation-Id', 'audit-register-0001')
      .send({
        personalIdentityNumber: person.identityNumber,
        contact: { name: person.name, email: person.email, phone: person.phone },
        homeMunicipality: '1283',
        availableFrom: '2026-12-01',
        maxCommuteMinutes: 45,
        interests: ['9412'],
        supportNeeds: { closeSupervision: false, languageSupport: true },
        languages: ['ar', 'sv'],
        consent: { matching: true },
      })
      .expect(201);
    candidateId = registered.body.candidateId;
    const read = await request(server)
      .get(`/candidates/${candidateId}`)
      .set(as('coordinator.fh'))
      .set('X-Correlation-Id', 'audit-read-0002');
    expect(read.status).toBe(200);
    expect(read.body.contact.name).toBe(person.name);
    // Refused: a supervisor may not read contact data (403), another area's coordinator does not see her (404).
    await request(server).get(`/candidates/${candidateId}`).set(as('supervisor.helsingborg')).expect(403);
    await request(server).get(`/candidates/${candidateId}`).set(as('coordinator.skovde')).expect(404);
    await request(server)
      .post(`/candidates/${candidateId}/erasure`)
      .set(as('coordinator.fh'))
      .set('X-Correlation-Id', 'audit-erase-0003')
      .expect(204);
  });
  afterAll(async () => {
    await candidateDb?.destroy();
    await stack?.close();
  });

  it('records who did what to which candidate, when, with what outcome and correlation id', async () => {
    const rows = await entries(candidateDb, 'candidate', candidateId, 5);
    const common = { tenant: 'se-12', subject: coordinator(), actor: `coordinator:${coordinator()}`, roles: ['coordinator'] };
    expect(
      rows.map(({ tenant, subject, actor, roles, organisation, operation, method, route, object_id, status, outcome, correlation_id }) => ({
        tenant,
        subject,
        actor,
        roles,
        organisation,
        operation,
        method,
        route,
        object_id,
        status,
        outcome,
        correlation_id,
      })),
    ).toEqual([
      {
        ...common,
        organisation: 'cooperation:familjen-helsingborg',
        operation: 'CandidatesController_register',
        method: 'POST',
        route: '/candidates',
        object_id: candidateId,
        status: 201,
        outcome: 'success',
        correlation_id: 'audit-register-0001',
      },
      {
        ...common,
        organisation: 'cooperation:familjen-helsingborg',
        operation: 'CandidatesController_get',
        method: 'GET',
        route: '/candidates/:id',
        object_id: candidateId,
        status: 200,
        outcome: 'success',
        correlation_id: 'audit-read-0002',
      },
      expect.objectContaining({
        subject: claims('supervisor.helsingborg').sub,
        roles: ['supervisor'],
        operation: 'CandidatesController_get',
        status: 403,
        outcome: 'denied',
      }),
      expect.objectContaining({
        subject: claims('coordinator.skovde').sub,
        tenant: 'se-14',
        organisation: 'municipality:1496',
        status: 404,
        outcome: 'not-found',
      }),
      {
        ...common,
        organisation: 'cooperation:familjen-helsingborg',
        operation: 'CandidatesController_erase',
        method: 'POST',
        route: '/candidates/:id/erasure',
        object_id: candidateId,
        status: 204,
        outcome: 'success',
        correlation_id: 'audit-erase-0003',
      },
    ]);
  });

  it("holds only the erased candidate's pseudonymous id: never her name, e-mail, phone or identity number", async () => {
    await entries(candidateDb, 'candidate', candidateId, 5);
    const rows: { row: string }[] = await candidateDb.query(`SELECT a::text AS row FROM candidate.audit_log a`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const text = rows.map((r) => r.row.toLowerCase()).join('\n');
    for (const needle of [person.name, person.email, person.phone, person.identityNumber, 'Haddad', '880304'])
      expect({ needle, found: text.includes(needle.toLowerCase()) }).toEqual({ needle, found: false });
    expect(text).toContain(candidateId);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE, even to the service and even for no row', async () => {
    const [{ n: before }] = await candidateDb.query('SELECT count(*)::int AS n FROM candidate.audit_log');
    await expect(candidateDb.query(`UPDATE candidate.audit_log SET subject = 'someone-else'`)).rejects.toThrow(
      'audit_log is append-only: UPDATE is not allowed',
    );
    await expect(candidateDb.query(`DELETE FROM candidate.audit_log WHERE object_id = $1`, [candidateId])).rejects.toThrow(
      'audit_log is append-only: DELETE is not allowed',
    );
    await expect(candidateDb.query(`DELETE FROM candidate.audit_log WHERE false`)).rejects.toThrow('append-only');
    await expect(candidateDb.query(`TRUNCATE candidate.audit_log`)).rejects.toThrow('audit_log is append-only: TRUNCATE is not allowed');
    const [{ n: after, subjects }] = await candidateDb.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE subject = 'someone-else')::int AS subjects FROM candidate.audit_log`,
    );
    expect({ after, subjects }).toEqual({ after: before, subjects: 0 });
    // Every service's table is guarded alike (the same platform migration).
    await expect(employerDb.query(`DELETE FROM employer.audit_log`)).rejects.toThrow('append-only');
    await expect(
      asService('employer-service', () => stack.apps.employer!.get(DataSource).query(`DELETE FROM employer.audit_log`)),
    ).rejects.toThrow('permission denied for table audit_log');
    // The service's own role may not even try: it holds only SELECT and INSERT on its audit log.
    for (const statement of [
      `UPDATE candidate.audit_log SET subject = 'someone-else'`,
      `DELETE FROM candidate.audit_log`,
      `TRUNCATE candidate.audit_log`,
    ]) {
      await expect(asService('candidate-service', () => candidateService.query(statement))).rejects.toThrow(
        'permission denied for table audit_log',
      );
    }
  });

  it("audits commands in the service's own schema, and leaves reads that hold no personal data and callers without a token out", async () => {
    const server = stack.apps.employer!.getHttpServer();
    const { body } = await request(server)
      .post('/employers')
      .set(as('admin.skane'))
      .send({
        organisationNumber: organisationNumber(5),
        name: 'Revisorn AB',
        sector: 'private',
        municipalityCode: '1283',
        isMunicipality: false,
      })
      .expect(201);
    await request(server).get(`/employers/${body.id}`).set(as('admin.skane')).expect(200);
    await request(server).post('/employers').send({}).expect(401);
    const rows = await entries(employerDb, 'employer', body.id, 1);
    expect(rows.map((r) => [r.operation, r.status, r.outcome])).toEqual([['EmployersController_register', 201, 'success']]);
    const [{ n }] = await employerDb.query(
      `SELECT count(*)::int AS n FROM employer.audit_log WHERE status = 401 OR operation LIKE '%_get'`,
    );
    expect(n).toBe(0);
    const [{ n: inCandidate }] = await candidateDb.query(`SELECT count(*)::int AS n FROM candidate.audit_log WHERE object_id = $1`, [
      body.id,
    ]);
    expect(inCandidate).toBe(0);
  });

  it("records a refused command too, and never a body's text as its object", async () => {
    const server = stack.apps.employer!.getHttpServer();
    const correlation = `audit-${randomUUID().slice(0, 8)}`;
    await request(server)
      .post('/employers')
      .set(as('coordinator.fh'))
      .set('X-Correlation-Id', correlation)
      .send({
        organisationNumber: organisationNumber(5),
        name: 'Not Hers AB',
        sector: 'private',
        municipalityCode: SKOVDE,
        isMunicipality: false,
      })
      .expect(403);
    await request(server)
      .patch('/needs/Amina%20Haddad')
      .set(as('admin.skane'))
      .set('X-Correlation-Id', `${correlation}-2`)
      .send({})
      .expect(400);
    let rows: Row[] = [];
    for (let i = 0; i < 100 && rows.length < 2; i++) {
      rows = await employerDb.query(`SELECT * FROM employer.audit_log WHERE correlation_id LIKE $1 ORDER BY occurred_at, id`, [
        `${correlation}%`,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rows.map((r) => [r.operation, r.status, r.outcome, r.object_id])).toEqual([
      ['EmployersController_register', 403, 'denied', null],
      ['NeedsController_update', 400, 'rejected', '?'],
    ]);
  });

  it("writes a command's entry in the command's own transaction: an entry that cannot be written leaves no change, a success has exactly its entry", async () => {
    const server = stack.apps.employer!.getHttpServer();
    const refused = `audit-refused-${randomUUID().slice(0, 8)}`;
    const registration = (organisationNumber: string) => ({
      organisationNumber,
      name: 'Spårbar AB',
      sector: 'private',
      municipalityCode: '1283',
      isMunicipality: false,
    });
    // As the owner: the audit log refuses this one request's entry (a constraint that only it violates).
    await employerDb.query(`ALTER TABLE employer.audit_log ADD CONSTRAINT audit_refused CHECK (correlation_id <> '${refused}') NOT VALID`);
    const number = organisationNumber(5);
    try {
      const failed = await request(server)
        .post('/employers')
        .set(as('admin.skane'))
        .set('X-Correlation-Id', refused)
        .send(registration(number));
      expect(failed.status).toBe(500);
      // The one answer the document does not promise, provoked here on purpose.
      expect(takeViolations()).toEqual([expect.stringMatching(/POST \/employers → 500: status 500 is not documented/)]);
    } finally {
      await employerDb.query(`ALTER TABLE employer.audit_log DROP CONSTRAINT audit_refused`);
    }
    // Nothing of the command committed: no employer, no event in the outbox, no entry.
    const [{ employers, events, audited }] = await employerDb.query(
      `SELECT (SELECT count(*)::int FROM employer.employers WHERE organisation_number = $1) AS employers,
              (SELECT count(*)::int FROM employer.outbox WHERE envelope->'payload'->>'organisationNumber' = $1) AS events,
              (SELECT count(*)::int FROM employer.audit_log WHERE correlation_id = $2 AND outcome = 'success') AS audited`,
      [number, refused],
    );
    expect({ employers, events, audited }).toEqual({ employers: 0, events: 0, audited: 0 });

    // The same command again, with nothing in the way: committed, and its entry is there when the answer arrives.
    const committed = `audit-committed-${randomUUID().slice(0, 8)}`;
    const { body } = await request(server)
      .post('/employers')
      .set(as('admin.skane'))
      .set('X-Correlation-Id', committed)
      .send(registration(number))
      .expect(201);
    const audit = () =>
      employerDb.query(`SELECT operation, object_id, status, outcome FROM employer.audit_log WHERE correlation_id = $1`, [committed]);
    expect(await audit()).toEqual([{ operation: 'EmployersController_register', object_id: body.id, status: 201, outcome: 'success' }]);
    // And no second entry follows the response.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await audit()).toHaveLength(1);
    const [{ n }] = await employerDb.query(`SELECT count(*)::int AS n FROM employer.employers WHERE id = $1`, [body.id]);
    expect(n).toBe(1);
  });

  it('records the status the caller received, not the one declared: a repeated standard role answers 200 and is logged 200', async () => {
    const server = stack.apps.employer!.getHttpServer();
    const correlation = `audit-standard-${randomUUID().slice(0, 8)}`;
    const first = await request(server)
      .post('/roles/standard')
      .set(as('admin.skane'))
      .set('X-Correlation-Id', `${correlation}-1`)
      .send({ ssyk: '5120' })
      .expect(201);
    // The same occupation again: the role exists, so 200. Its transaction locked the role's row (a write to
    // PostgreSQL), so its entry was written with that commit, while the status was still the declared 201.
    await request(server)
      .post('/roles/standard')
      .set(as('admin.skane'))
      .set('X-Correlation-Id', `${correlation}-2`)
      .send({ ssyk: '5120' })
      .expect(200);
    const page = await request(server).get(`/audit/employer-service?objectId=${first.body.id}`).set(as('admin.skane')).expect(200);
    expect(
      page.body.items.map((e: { correlationId: string; status: number; outcome: string }) => [e.correlationId, e.status, e.outcome]),
    ).toEqual([
      [`${correlation}-2`, 200, 'success'],
      [`${correlation}-1`, 201, 'success'],
    ]);
    expect(page.body.total).toBe(2);
    // The table itself stays append-only: the entry of the commit is kept, superseded by the one of the answer.
    const rows: { status: number; superseded: boolean }[] = await employerDb.query(
      `SELECT a.status, EXISTS (SELECT 1 FROM employer.audit_log c WHERE c.supersedes = a.id) AS superseded
         FROM employer.audit_log a WHERE a.correlation_id = $1 ORDER BY a.id`,
      [`${correlation}-2`],
    );
    expect(rows).toEqual([
      { status: 201, superseded: true },
      { status: 200, superseded: false },
    ]);
  });

  it('records a failure after the commit as the failure the caller received, not as a success', async () => {
    const server = stack.apps.employer!.getHttpServer();
    const correlation = `audit-after-commit-${randomUUID().slice(0, 8)}`;
    // The role's read after its command committed fails (the command changed the database; the answer is a 500).
    const queries = stack.apps.employer!.get(QueryBus);
    const read = jest.spyOn(queries, 'execute').mockRejectedValueOnce(new Error('the read after the commit failed'));
    try {
      const failed = await request(server)
        .post('/roles/standard')
        .set(as('admin.skane'))
        .set('X-Correlation-Id', correlation)
        .send({ ssyk: '5311' });
      expect(failed.status).toBe(500);
      expect(takeViolations()).toEqual([expect.stringMatching(/POST \/roles\/standard → 500: status 500 is not documented/)]);
    } finally {
      read.mockRestore();
    }
    const [{ id: roleId }] = await employerDb.query(`SELECT id FROM employer.roles WHERE kind = 'standard' AND ssyk = '5311'`);
    let items: { correlationId: string; status: number; outcome: string; objectId: string }[] = [];
    for (let i = 0; i < 100 && !(items.length === 1 && items[0].status === 500); i++) {
      items = (await request(server).get(`/audit/employer-service?objectId=${roleId}`).set(as('admin.skane')).expect(200)).body.items;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(items.map((e) => [e.correlationId, e.status, e.outcome, e.objectId])).toEqual([[correlation, 500, 'failed', roleId]]);
  });

  it('gives no personal data out unaudited: a read whose entry cannot be written answers 500, not the data', async () => {
    const server = stack.apps.candidate!.getHttpServer();
    const { body } = await request(server)
      .post('/candidates')
      .set(as('coordinator.fh'))
      .send({
        contact: { name: 'Leyla Osman', email: 'leyla.osman@example.org', phone: '+46 70 765 43 21' },
        homeMunicipality: '1283',
        availableFrom: '2026-12-01',
        maxCommuteMinutes: 45,
        interests: ['9412'],
        supportNeeds: { closeSupervision: false, languageSupport: false },
        languages: ['so', 'sv'],
        consent: { matching: true },
      })
      .expect(201);
    const refused = `audit-refused-${randomUUID().slice(0, 8)}`;
    await candidateDb.query(
      `ALTER TABLE candidate.audit_log ADD CONSTRAINT audit_refused CHECK (correlation_id <> '${refused}') NOT VALID`,
    );
    try {
      const read = await request(server).get(`/candidates/${body.candidateId}`).set(as('coordinator.fh')).set('X-Correlation-Id', refused);
      expect(read.status).toBe(500);
      expect(takeViolations()).toEqual([expect.stringMatching(/GET \/candidates\/\{id\} → 500: status 500 is not documented/)]);
      expect(JSON.stringify(read.body)).not.toContain('Leyla');
      expect(JSON.stringify(read.body)).not.toContain('leyla.osman');
    } finally {
      await candidateDb.query(`ALTER TABLE candidate.audit_log DROP CONSTRAINT audit_refused`);
    }
    const read = await request(server).get(`/candidates/${body.candidateId}`).set(as('coordinator.fh')).expect(200);
    expect(read.body.contact.name).toBe('Leyla Osman');
    const reads: { n: number }[] = await candidateDb.query(
      `SELECT count(*)::int AS n FROM candidate.audit_log WHERE object_id = $1 AND operation = 'CandidatesController_get' AND outcome = 'success'`,
      [body.candidateId],
    );
    // Written before the answer left: there as soon as it arrived.
    expect(reads).toEqual([{ n: 1 }]);
  });

  it("shows the admins of a region their region's entries, newest first, and nobody else's", async () => {
    const server = stack.apps.candidate!.getHttpServer();
    await entries(candidateDb, 'candidate', candidateId, 5);
    const own = await request(server).get(`/audit/candidate-service?objectId=${candidateId}`).set(as('admin.skane')).expect(200);
    expect(own.body.items.map((e: { operation: string; status: number }) => `${e.operation} ${e.status}`)).toEqual([
      'CandidatesController_erase 204',
      'CandidatesController_get 403',
      'CandidatesController_get 200',
      'CandidatesController_register 201',
    ]);
    expect(own.body.total).toBe(4);
    expect(own.body.items[0]).toMatchObject({
      tenant: 'se-12',
      subject: coordinator(),
      objectId: candidateId,
      correlationId: 'audit-erase-0003',
    });
    // Västra Götaland's admin sees her own region's entry (Skövde's coordinator's 404), not Skåne's.
    const other = await request(server).get(`/audit/candidate-service?objectId=${candidateId}`).set(as('admin.vg')).expect(200);
    expect(other.body.items.map((e: { tenant: string; status: number }) => [e.tenant, e.status])).toEqual([['se-14', 404]]);
    await request(server).get('/audit/candidate-service').set(as('coordinator.fh')).expect(403);
    await request(server).get('/audit/candidate-service?limit=101').set(as('admin.skane')).expect(400);
    await request(server).get('/audit/candidate-service?objectId=Amina').set(as('admin.skane')).expect(400);
  });
});
