import { asService, DEFAULT_ABUSE_LIMITS } from '@jobbspar/platform';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { gzipSync } from 'node:zlib';
import { as, type DemoUser } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';
import { watchApp } from '../support/contract-check';
import { createEmployerApp } from '../../apps/employer-service/src/bootstrap';
import { organisationNumber, SKOVDE } from '../employer/employer-fixture';

/**
 * Abuse limits of the platform (libs/platform/src/http/abuse-limits.ts, page-size.ts) on the real services: a rate
 * per verified user and per address without a valid token (429 + Retry-After, before the token check), a body size
 * (413 naming the limit, before validation), and page size caps (400 naming the cap) on every paged list.
 */
const WINDOW = 60;
const PER_SUBJECT = 5;
const PER_ADDRESS = 3;
const BODY_KB = 4;

const employerBody = (extra: Record<string, unknown> = {}) => ({
  organisationNumber: organisationNumber(5),
  name: 'Kök & Städ AB',
  sector: 'private',
  municipalityCode: SKOVDE,
  isMunicipality: false,
  ...extra,
});

async function employerCount(stack: TestStack): Promise<number> {
  // As the service itself: its connection is its own role's, under row-level security.
  const [{ n }] = await asService('employer-service', () =>
    stack.apps.employer!.get(DataSource).query('SELECT count(*)::int AS n FROM employer.employers'),
  );
  return n;
}

describe('rate limits per caller (low limits, behind a trusted proxy)', () => {
  let stack: TestStack;
  let server: ReturnType<NonNullable<TestStack['apps']['employer']>['getHttpServer']>;

  beforeAll(async () => {
    stack = await startStack(['employer'], {
      transport: 'in-process',
      limits: {
        rate: { windowSeconds: WINDOW, perSubject: PER_SUBJECT, perAddress: PER_ADDRESS },
        bodyKilobytes: BODY_KB,
        trustProxy: 'loopback',
      },
    });
    server = stack.apps.employer!.getHttpServer();
  });
  afterAll(() => stack?.close());

  const get = (path: string, user: DemoUser, address = '198.51.100.1') =>
    request(server).get(path).set(as(user)).set('X-Forwarded-For', address);

  it("counts a user's requests across every route of the service, then answers 429 with Retry-After and the limit", async () => {
    const remaining: number[] = [];
    // Two routes share one budget: a per-route budget would let her make PER_SUBJECT requests to each.
    for (let i = 0; i < PER_SUBJECT; i++) {
      const res = await get(i % 2 === 0 ? '/employers' : '/taxonomy/occupations', 'admin.vg').expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(PER_SUBJECT));
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const refused = await get('/needs', 'admin.vg').expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `too many requests from this user: at most ${PER_SUBJECT} in ${WINDOW} s; retry after ${retryAfter} s (Retry-After)`,
    });
  });

  it('refuses a throttled write before it runs: nothing is stored', async () => {
    const before = await employerCount(stack);
    const res = await request(server).post('/employers').set(as('admin.vg')).send(employerBody()).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(await employerCount(stack)).toBe(before);
  });

  it('keys on the verified subject: another user from the same address still gets through', async () => {
    await get('/employers', 'hr.skovde').expect(200);
    await get('/employers', 'hr.skovde', '198.51.100.77').expect(200);
  });

  it('a user cannot shed her count by changing address', async () => {
    await get('/employers', 'admin.vg', '203.0.113.200').expect(429);
  });

  it('counts requests without a valid token per address, and answers 429 before the token is checked again', async () => {
    const address = '192.0.2.10';
    const forged = `${as('coordinator.fh').authorization.slice(0, -6)}AAAAAA`;
    await request(server).get('/employers').set('X-Forwarded-For', address).expect(401);
    await request(server).get('/employers').set('X-Forwarded-For', address).set('authorization', forged).expect(401);
    // A public route counts too (every route is limited).
    await request(server).get('/health/live').set('X-Forwarded-For', address).expect(200);
    const refused = await request(server).get('/employers').set('X-Forwarded-For', address).set('authorization', forged).expect(429);
    expect(refused.headers['www-authenticate']).toBeUndefined();
    expect(refused.body.message).toMatch(
      new RegExp(`^too many requests from this address without a valid token: at most ${PER_ADDRESS} in ${WINDOW} s`),
    );
    await request(server).get('/health/live').set('X-Forwarded-For', address).expect(429);
    // Another address has its own budget; a valid token from the flooded address is counted as its user.
    await request(server).get('/employers').set('X-Forwarded-For', '192.0.2.11').expect(401);
    await get('/employers', 'employer.lager', address).expect(200);
  });
});

describe('rate limits shared by the replicas of a service (two app instances on one database)', () => {
  let stack: TestStack;
  let replica: INestApplication;

  beforeAll(async () => {
    stack = await startStack(['employer'], {
      transport: 'in-process',
      limits: { ...DEFAULT_ABUSE_LIMITS, rate: { windowSeconds: WINDOW, perSubject: PER_SUBJECT, perAddress: PER_ADDRESS } },
    });
    // A second process of employer-service would be the same: its own pool, the same schema.
    replica = await createEmployerApp(stack.config);
    watchApp(replica, 'employer-service');
  });
  afterAll(async () => {
    await replica?.close();
    await stack?.close();
  });

  it("counts a user's requests on every replica against one budget: a load balancer does not double it", async () => {
    const servers = [stack.apps.employer!.getHttpServer(), replica.getHttpServer()];
    const remaining: number[] = [];
    for (let i = 0; i < PER_SUBJECT; i++) {
      const res = await request(servers[i % 2])
        .get('/employers')
        .set(as('hr.skovde'))
        .expect(200);
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    for (const server of servers) {
      const refused = await request(server).get('/employers').set(as('hr.skovde')).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Another user's budget is her own on both.
    for (const server of servers) await request(server).get('/employers').set(as('admin.vg')).expect(200);
  });
});

describe('rate limits without a trusted proxy', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack(['employer'], {
      transport: 'in-process',
      limits: { ...DEFAULT_ABUSE_LIMITS, rate: { windowSeconds: WINDOW, perSubject: PER_SUBJECT, perAddress: 2 } },
    });
  });
  afterAll(() => stack?.close());

  it('ignores X-Forwarded-For: a client cannot name a fresh address for every request', async () => {
    const server = stack.apps.employer!.getHttpServer();
    await request(server).get('/employers').set('X-Forwarded-For', '192.0.2.1').expect(401);
    await request(server).get('/employers').set('X-Forwarded-For', '192.0.2.2').expect(401);
    await request(server).get('/employers').set('X-Forwarded-For', '192.0.2.3').expect(429);
  });
});

describe('request body limit', () => {
  let stack: TestStack;
  let server: ReturnType<NonNullable<TestStack['apps']['employer']>['getHttpServer']>;

  beforeAll(async () => {
    stack = await startStack(['employer'], { transport: 'in-process', limits: { ...DEFAULT_ABUSE_LIMITS, bodyKilobytes: BODY_KB } });
    server = stack.apps.employer!.getHttpServer();
  });
  afterAll(() => stack?.close());

  const limitMessage = `the limit is ${BODY_KB * 1024} bytes (${BODY_KB} kB)`;

  it('answers a JSON body over the limit 413 naming the size and the limit, before validation; nothing is stored', async () => {
    const before = await employerCount(stack);
    const body = JSON.stringify(employerBody({ name: 'x'.repeat(BODY_KB * 1024) }));
    const res = await request(server).post('/employers').set(as('admin.vg')).set('content-type', 'application/json').send(body).expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `request entity too large: the body has ${Buffer.byteLength(body)} bytes, ${limitMessage}`,
    });
    expect(await employerCount(stack)).toBe(before);
  });

  it('accepts a body just under the limit (the limit is the configured one, not the parser default)', async () => {
    const res = await request(server)
      .post('/employers')
      .set(as('admin.vg'))
      .send(employerBody({ name: 'x'.repeat(BODY_KB * 1024 - 300) }));
    // Validation now speaks (the name is too long for a name), not the body parser.
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/name/);
  });

  it('counts the inflated size of a compressed body: a small gzip bomb is 413, not parsed', async () => {
    const inflated = JSON.stringify(employerBody({ name: ' '.repeat(200 * 1024) }));
    const compressed = gzipSync(inflated);
    expect(compressed.length).toBeLessThan(BODY_KB * 1024);
    const res = await request(server)
      .post('/employers')
      .set(as('admin.vg'))
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      // As bytes: superagent would JSON-encode a Buffer sent as application/json.
      .serialize(((bytes: Buffer) => bytes) as unknown as (body: unknown) => string)
      .send(compressed)
      .expect(413);
    expect(res.body.message).toMatch(/^request entity too large: the body is longer, the limit is 4096 bytes/);
  });

  it('limits a form-encoded body the same way', async () => {
    const res = await request(server)
      .post('/employers')
      .set(as('admin.vg'))
      .type('form')
      .send(`name=${'x'.repeat(BODY_KB * 1024 + 10)}`)
      .expect(413);
    expect(res.body.message).toContain(limitMessage);
  });
});

describe('page size caps on every paged list', () => {
  let stack: TestStack;
  const doc: Pick<OpenAPIObject, 'paths'> = { paths: {} };
  const owner: Record<string, 'employer' | 'candidate' | 'matching'> = {};

  beforeAll(async () => {
    stack = await startStack(['employer', 'candidate', 'matching'], { transport: 'in-process' });
    for (const service of ['employer', 'candidate', 'matching'] as const) {
      const { paths } = (await request(stack.apps[service]!.getHttpServer()).get('/openapi.json').expect(200)).body as OpenAPIObject;
      for (const [path, item] of Object.entries(paths)) {
        doc.paths[path] = item;
        owner[path] = service;
      }
    }
  });
  afterAll(() => stack?.close());

  /** Who may read each list (the policies); the path's ids are random: validation answers before any lookup. */
  const READER: Record<string, DemoUser> = {
    '/employers': 'admin.vg',
    '/roles': 'hr.skovde',
    '/needs': 'admin.vg',
    '/candidates': 'coordinator.fh',
    '/internships': 'coordinator.fh',
    '/matching/needs/{needId}/proposals': 'coordinator.fh',
    '/matching/candidates/{candidateId}/proposals': 'coordinator.fh',
    '/matching/review-queue': 'coordinator.fh',
    '/matching/employer-proposals': 'employer.lager',
    '/matching/placements': 'coordinator.fh',
    '/matching/follow-ups/due': 'coordinator.fh',
    '/audit/employer-service': 'admin.vg',
    '/audit/candidate-service': 'admin.vg',
    '/audit/matching-service': 'admin.vg',
  };

  it('refuses a page size over the cap with 400 naming the cap, and accepts the cap itself', async () => {
    const checked: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const size = (item.get?.parameters ?? []).find(
        (p) => 'name' in p && (p.name === 'limit' || p.name === 'pageSize') && p.in === 'query',
      ) as { name: string; schema?: { maximum?: number } } | undefined;
      if (!size) continue;
      const max = size.schema?.maximum;
      expect({ path, max: typeof max }).toEqual({ path, max: 'number' });
      const user = READER[path];
      expect({ path, user: typeof user }).toEqual({ path, user: 'string' });
      const server = stack.apps[owner[path]]!.getHttpServer();
      const url = path.replace(/\{[^}]+\}/g, '6f1c1a52-3c6e-4e55-9d3f-2f9a3b1c0d11');
      const over = await request(server)
        .get(`${url}?${size.name}=${max! + 1}`)
        .set(as(user));
      expect({ path, status: over.status, message: over.body.message }).toEqual({
        path,
        status: 400,
        message: [`${size.name} must be at most ${max} (the page size cap)`],
      });
      const at = await request(server).get(`${url}?${size.name}=${max}`).set(as(user));
      expect({ path, status: at.status }).toEqual({ path, status: 200 });
      checked.push(path);
    }
    expect(checked.sort()).toEqual(Object.keys(READER).sort());
  });
});
