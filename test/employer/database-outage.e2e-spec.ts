import { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createEmployerApp } from '../../apps/employer-service/src/bootstrap';
import { freePort, PostgresHandle, startPostgres } from '@jobbspar/infra';
import { eventually } from '../support/kafka-probe';
import { ADMIN, organisationNumber, SKOVDE } from './employer-fixture';
import { testAuthConfig } from '../support/auth';

/** A PostgreSQL server of this suite's own, stopped and started again under a running employer-service. */
describe('employer-service while its database is down', () => {
  let dataDir: string;
  let port: number;
  let pg: PostgresHandle | undefined;
  let app: INestApplication;
  const employer = () => ({ organisationNumber: organisationNumber(), name: 'Kök & Städ AB', sector: 'private', municipalityCode: SKOVDE });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'jobbspar-db-outage-'));
    port = await freePort();
    pg = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port });
    app = await createEmployerApp({ databaseUrl: pg.url, topicPrefix: 'outage.', groupPrefix: 'outage.', port: 0, auth: testAuthConfig() });
  });

  afterAll(async () => {
    await app?.close();
    await pg?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, not 500, and works again once the database is back', async () => {
    const http = () => request(app.getHttpServer());
    await http().post('/employers').set(ADMIN).send(employer()).expect(201);

    await pg!.stop();
    pg = undefined;
    for (const res of [
      await http().post('/employers').set(ADMIN).send(employer()),
      await http().get('/employers').set(ADMIN),
      await http().post('/employers').set(ADMIN).send(employer()),
    ]) {
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/unavailable/) });
    }
    expect((await http().get('/health')).status).toBe(503);

    pg = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port });
    await eventually(async () => (await http().post('/employers').set(ADMIN).send(employer())).status === 201, 30_000, 'a write after');
    const list = await http().get('/employers').set(ADMIN).expect(200);
    // The one before and the one after: nothing written while the database was down.
    expect(list.body.total).toBe(2);
  });
});
