import 'reflect-metadata';
import type { Role } from '@jobbspar/platform';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { composeServices, type ComposedSystem } from '../../apps/jobbspar/src/compose-services';
import { as, type DemoUser, serviceToken, testAuthConfig } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';

type Caller = Role | 'follow-up-service';
const E: Role = 'employer';
const S: Role = 'supervisor';
const H: Role = 'municipal-hr';
const C: Role = 'coordinator';
const AN: Role = 'analyst';
const AD: Role = 'admin';
const EVERYONE: Caller[] = [E, S, H, C, AN, AD];

/**
 * The access matrix as the issue states it, written here independently of the services' policy modules: which
 * callers may invoke each operation of /openapi.json. Every documented operation must have an entry (a new route
 * without one fails this suite), and every entry must be a documented operation.
 */
const MATRIX: Record<string, Caller[]> = {
  'POST /employers': [AD],
  'GET /employers': [E, S, H, C, AD],
  'GET /employers/{id}': [E, S, H, C, AD],
  'POST /needs': [E, H, AD],
  'GET /needs': [E, H, C, AD],
  'GET /needs/batch': [E, H, C, AD],
  'GET /needs/{id}': [E, H, C, AD],
  'PATCH /needs/{id}': [E, H, AD],
  'POST /needs/{id}/open': [E, H, AD],
  'POST /needs/{id}/close': [E, H, AD],
  'POST /roles/standard': [H, AD],
  'POST /roles': [H],
  'PUT /roles/{id}': [H],
  'GET /roles': [E, H, C, AD],
  'GET /roles/{id}': [E, H, C, AD],
  'GET /roles/{id}/versions/{version}': [E, H, C, AD],
  'GET /taxonomy': EVERYONE,
  'GET /taxonomy/occupations': EVERYONE,
  'GET /taxonomy/tasks': EVERYONE,
  'GET /taxonomy/counties': EVERYONE,
  'GET /taxonomy/municipalities': EVERYONE,
  'GET /taxonomy/role-templates': EVERYONE,
  'GET /taxonomy/shortage': EVERYONE,
  'GET /taxonomy/shortage-overrides': [AD, C, H],
  'PUT /taxonomy/shortage-overrides': [AD],
  'DELETE /taxonomy/shortage-overrides/{countyCode}/{ssyk}': [AD],
  'POST /candidates': [C],
  'GET /candidates': [C],
  'GET /candidates/names': [C],
  'GET /candidates/{id}': [C],
  'PATCH /candidates/{id}': [C],
  'DELETE /candidates/{id}': [C],
  'POST /candidates/{id}/consent': [C],
  'POST /candidates/{id}/erasure': [C],
  'GET /candidates/{id}/job-track': [C],
  'GET /statistics/follow-up': [C, AN],
  'GET /statistics/equal-distribution': ['follow-up-service'],
  'POST /internships': [C],
  'GET /internships': [C, S],
  'GET /internships/{id}': [C, S],
  'POST /internships/{id}/assessments': [S, C],
  'POST /assessments/{id}/certify': [C],
  'POST /validations/{id}/revoke': [C],
  'GET /matching/proposals/{id}': [C, E, H],
  'GET /matching/needs/{needId}/proposals': [C, E, H],
  'GET /matching/candidates/{candidateId}/proposals': [C],
  'GET /matching/candidates/{candidateId}/why': [C, E, H, AD],
  'GET /matching/review-queue': [C],
  'GET /matching/review-queue/events': [C],
  'POST /matching/proposals/{id}/accept': [C],
  'POST /matching/proposals/{id}/reject': [C],
  'POST /matching/proposals/{id}/confirm': [E, H],
  'POST /matching/proposals/{id}/decline': [E, H],
  'GET /matching/employer-proposals': [E, H],
  'GET /matching/employer-proposals/{id}': [E, H],
  'GET /matching/placements': [E, H, C],
  'GET /matching/follow-ups/due': [C],
  'GET /matching/placements/{id}': [E, H, C],
  'POST /matching/placements/{id}/end': [E, H, C],
  'POST /matching/placements/{id}/follow-ups': [C],
  'POST /matching/supply-preview': [H, E, C],
  'GET /matching/weights/{region}': [AD, C],
  'PUT /matching/weights/{region}': [AD],
  'POST /follow-up/regions/{region}/goals': [AN],
  'GET /follow-up/regions/{region}/goals': [AN],
  'POST /follow-up/regions/{region}/goals/{id}/figures': [AN],
  'POST /follow-up/regions/{region}/goals/{id}/figures/import': [AN],
  'GET /follow-up/regions/{region}/goals/{id}/progress': [AN],
  'GET /follow-up/regions/{region}/goals/{id}/progress/export': [AN],
  'GET /follow-up/regions/{region}/equal-distribution': [AN],
  'GET /follow-up/regions/{region}/equal-distribution/export': [AN],
  'GET /follow-up/regions/{region}/outcomes': [AN],
  'GET /follow-up/regions/{region}/outcomes/months': [AN],
  'GET /follow-up/regions/{region}/outcomes/export': [AN],
  'GET /follow-up/regions/{region}/where-to-train': [AN],
  'GET /follow-up/regions/{region}/where-to-train/export': [AN],
  // Each service's audit log, of the caller's own region (test/auth/audit-log.e2e-spec.ts).
  'GET /audit/employer-service': [AD],
  'GET /audit/candidate-service': [AD],
  'GET /audit/matching-service': [AD],
  'GET /audit/follow-up-service': [AD],
};

/** One user of each role, all of Region Skåne (se-12): "own tenant" below is se-12, "other" se-14. */
const USERS: Record<Role, DemoUser> = {
  employer: 'employer.sundet',
  supervisor: 'supervisor.helsingborg',
  'municipal-hr': 'hr.helsingborg',
  coordinator: 'coordinator.fh',
  analyst: 'analyst.skane',
  admin: 'admin.skane',
};

/** Valid bodies where the region is checked after the body is (validation comes first): the refusal must be for the region. */
const VALID_BODIES: Record<string, object> = {
  'PUT /matching/weights/{region}': { taskCoverage: 60, interests: 10, shortage: 10, waiting: 10, supportFit: 10 },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

function concrete(path: string, region: string): string {
  return path
    .replace('{region}', region)
    .replace('{countyCode}', region.slice(3))
    .replace('{ssyk}', '5120')
    .replace('{version}', '1')
    .replace(/\{[A-Za-z]+\}/g, () => randomUUID());
}

describe('access matrix: every operation of /openapi.json × every role × own/other region × anonymous', () => {
  let system: ComposedSystem;
  let server: Server;
  let drop: () => Promise<void>;
  let operations: { method: Method; path: string; key: string }[];
  let followUpToken: string;

  beforeAll(async () => {
    const database = await createTestDatabase('matrix');
    drop = database.drop;
    const prefix = `${uniqueName('mx')}.`;
    system = await composeServices({
      databaseUrl: database.url,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    });
    server = createServer(system.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { body } = await request(server).get('/openapi.json').expect(200);
    operations = Object.entries(body.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m] && !item[m].tags?.includes('health')).map((method) => ({
        method,
        path,
        key: `${method.toUpperCase()} ${path}`,
      })),
    );
    followUpToken = await serviceToken('follow-up-service');
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await system?.close();
    await drop?.();
  });

  const call = async (method: Method, path: string, headers: Record<string, string>, body: object = {}): Promise<number> => {
    // The live review queue streams: ask for a malformed filter, so an allowed caller gets its 400 and no stream.
    const url = path.endsWith('/review-queue/events') ? `${path}?municipality=x` : path;
    const req = request(server)[method](url).set(headers);
    const res = method === 'get' || method === 'delete' ? await req : await req.send(body);
    return res.status;
  };

  it('has exactly one entry per documented operation', () => {
    const documented = operations.map((o) => o.key).sort();
    expect(documented.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !documented.includes(k))).toEqual([]);
    expect(documented.length).toBeGreaterThan(60);
  });

  it('answers every operation without a token with 401 and a Bearer challenge', async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      const res = await request(server)[method](concrete(path, 'se-12'));
      if (res.status !== 401 || !/^Bearer realm="jobbspar"/.test(String(res.headers['www-authenticate'])))
        wrong.push(`${key}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(Object.keys(USERS) as Role[])('lets %s call exactly the operations of her role (others 403) in her own region', async (role) => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      const status = await call(method, concrete(path, 'se-12'), as(USERS[role]));
      const allowed = MATRIX[key]?.includes(role) ?? false;
      if (allowed ? status === 401 || status === 403 || status >= 500 : status !== 403) {
        wrong.push(`${key}: ${status} (expected ${allowed ? 'not 401/403/5xx' : '403'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets follow-up-service's own identity call only the protected statistics", async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations) {
      const status = await call(method, concrete(path, 'se-12'), { authorization: `Bearer ${followUpToken}` });
      const allowed = MATRIX[key].includes('follow-up-service');
      if (allowed ? status === 401 || status === 403 || status >= 500 : status !== 403) wrong.push(`${key}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("refuses another region's operations to the callers allowed in their own (403: a region is no secret)", async () => {
    const wrong: string[] = [];
    for (const { method, path, key } of operations.filter((o) => o.path.includes('{region}'))) {
      for (const role of MATRIX[key].filter((r): r is Role => r !== 'follow-up-service')) {
        const status = await call(method, concrete(path, 'se-14'), as(USERS[role]), VALID_BODIES[key]);
        if (status !== 403) wrong.push(`${key} as ${role}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
