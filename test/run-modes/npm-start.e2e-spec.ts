import { DEMO_START_TIMEOUT } from '../support/processes';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { loginWithPassword } from '../../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../../apps/identity-provider/src/users';
import { freePort } from '@jobbspar/infra';
import { authed, bearer } from '../support/auth';
import { createTestDatabase } from '../support/infra';
import { eventually } from '../support/kafka-probe';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `npm start` as its own process (on a database of this suite's own instead of the embedded server): the embedded
 * OpenID provider at /oidc on the same port, the demo seeded by the demo users who log in there, the banner that
 * tells a newcomer how to log in, and every API route refusing a request without a token.
 */
describe('npm start: the embedded OpenID provider, the demo users and the token check', () => {
  let child: ChildProcess;
  let output = '';
  let drop: () => Promise<void>;
  let base: string;
  let issuer: string;
  let coordinator: ReturnType<typeof authed>;

  // Starting the system and seeding the demo as npm start does takes a minute on a loaded machine.
  beforeAll(async () => {
    const database = await createTestDatabase('oneproc');
    drop = database.drop;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    issuer = `${base}/oidc`;
    child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/jobbspar/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output.slice(-3000)}`);
        return output.includes('Demo users of the identity provider');
      },
      DEMO_START_TIMEOUT - 10_000,
      'npm start to seed the demo and print its users',
    );
    const { accessToken } = await loginWithPassword({ issuer, username: 'coordinator.fh', password: DEMO_PASSWORD });
    coordinator = authed(base, bearer(accessToken));
  }, DEMO_START_TIMEOUT);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await drop?.();
  });

  it('answers /health with every service up, and serves /openapi.json and /docs without a token', async () => {
    const health = await request(base).get('/health').expect(200);
    expect(Object.keys(health.body.services)).toEqual(['employer-service', 'candidate-service', 'matching-service', 'follow-up-service']);
    for (const service of Object.values(health.body.services) as { checks: Record<string, string> }[]) {
      expect(service.checks).toEqual({ database: 'up', transport: 'up' });
    }
    const openapi = await request(base).get('/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/needs', '/candidates', '/matching/review-queue', '/health']));
    expect(openapi.body.components.securitySchemes.oidc).toEqual({
      type: 'openIdConnect',
      openIdConnectUrl: `${issuer}/.well-known/openid-configuration`,
    });
    await request(base).get('/docs').redirects(1).expect(200).expect('content-type', /html/);
  });

  it('prints the demo users and how to get a token on the command line and from /docs', () => {
    for (const username of ['coordinator.fh', 'hr.skovde', 'employer.sundet', 'analyst.skane', 'supervisor.skovde', 'admin.skane']) {
      expect(output).toContain(username);
    }
    expect(output).toContain('npm run -s token -- coordinator.fh');
    expect(output).toContain(`${base}/docs`);
  });

  it('routes each path to the service that owns it, and unknown paths to a 404', async () => {
    await coordinator.get('/taxonomy/occupations').expect(200);
    await request(base).get('/no-such-thing').expect(404);
  });

  it('serves the OpenID provider at /oidc on the same port, and every service accepts its tokens and only them', async () => {
    const discovery = await request(base).get('/oidc/.well-known/openid-configuration').expect(200);
    expect(discovery.body).toMatchObject({ issuer, code_challenge_methods_supported: ['S256'] });
    for (const apiPath of ['/needs', '/candidates', '/matching/review-queue']) {
      const anonymous = await request(base).get(apiPath).expect(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="jobbspar"');
      await coordinator.get(apiPath).expect(200);
    }
  });
});
