import { freePort } from '@jobbspar/infra';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { RunningProcess, runBuilt } from '../support/processes';
import { testAuthConfig } from '../support/auth';

/** A service run on its own (`npm run start:employer-service`), as a process from dist/, as the stack runs it. */
describe('a service run on its own', () => {
  let service: RunningProcess;
  let drop: () => Promise<void>;
  let base: string;
  let defaultBase: string;

  beforeAll(async () => {
    const database = await createTestDatabase('alone');
    drop = database.drop;
    const port = await freePort();
    const prefix = `${uniqueName('alone')}.`;
    service = runBuilt('apps/employer-service/src/main.ts', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testInfra().brokers.join(','),
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP_PREFIX: prefix,
      PORT: String(port),
      // Another loopback address than the default, to see HOST obeyed (a container sets 0.0.0.0).
      HOST: '127.0.0.2',
      OIDC_ISSUER: testAuthConfig().issuer,
    });
    await service.waitForLine(/"msg":"listening"/, 90_000);
    base = `http://127.0.0.2:${port}`;
    defaultBase = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited(10_000).catch(() => undefined);
    }
    await drop?.();
  });

  it('listens on the address HOST names and nowhere else', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await expect(fetch(`${defaultBase}/health`)).rejects.toThrow();
    expect(service.lines.find((l) => l.includes('"msg":"listening"'))).toContain('"host":"127.0.0.2"');
  });

  it('serves its OpenAPI document and Swagger UI', async () => {
    const openapi = await fetch(`${base}/openapi.json`);
    expect(openapi.status).toBe(200);
    const document = (await openapi.json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(document.info.title).toBe('employer-service');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/employers', '/needs', '/roles', '/health']));
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/html/);
    // "Authorize" logs in with PKCE and comes back to this page, the redirect URI the provider's docs client allows.
    const redirect = await fetch(`${base}/docs/oauth2-redirect.html`);
    expect(redirect.status).toBe(200);
    expect(await redirect.text()).toContain('oauth2');
    const init = await (await fetch(`${base}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"usePkceWithAuthorizationCodeGrant": true');
    expect((await fetch(`${base}/no-such-route`)).status).toBe(404);
  });

  it('logs structured lines without the database password', () => {
    const password = new URL(testInfra().databaseUrl).password;
    expect(password.length).toBeGreaterThan(0);
    expect(service.lines.filter((l) => l.includes(`:${password}@`) || l.includes(`"password":"${password}"`))).toEqual([]);
    for (const line of service.lines.filter((l) => l.trim())) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('answers /metrics and the probes, then stops quietly on Ctrl-C: exit 0, no warning or error line', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(
      /^http_request_duration_seconds_count\{service="employer-service",method="GET",route="\/health",status="200"\} [1-9]/m,
    );
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const before = service.lines.length;
    service.child.kill('SIGINT');
    expect(await service.exited(30_000)).toEqual({ code: 0, signal: null });
    const after = service.lines.slice(before).filter((l) => l.trim());
    expect(after.filter((l) => /"level":"(warn|error|fatal)"|FATAL|ERROR/.test(l))).toEqual([]);
  });
});
