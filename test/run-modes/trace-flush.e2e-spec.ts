import { freePort } from '@jobbspar/infra';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { ADMIN, organisationNumber, SKOVDE } from '../employer/employer-fixture';
import { testAuthConfig } from '../support/auth';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { runBuilt, type RunningProcess } from '../support/processes';

/**
 * A service stopped by SIGTERM sends the spans still waiting for their batch before it exits (issue 13: traces lost
 * their last second on exit). The batch delay is set far beyond the test (10 min), so the last request's span can
 * reach the collector only through the flush on shutdown; before the signal the collector has not seen it.
 */
describe('traces on shutdown', () => {
  let drop: () => Promise<void>;
  let collector: Server;
  let service: RunningProcess | undefined;
  const received: string[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase('traceflush');
    drop = database.drop;
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const collectorPort = await freePort();
    await new Promise<void>((resolve) => collector.listen(collectorPort, '127.0.0.1', resolve));
    const port = await freePort();
    service = runBuilt('apps/employer-service/src/main.ts', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testInfra().brokers.join(','),
      TOPIC_PREFIX: `${uniqueName('traceflush')}.`,
      CONSUMER_GROUP_PREFIX: `${uniqueName('traceflush')}.`,
      PORT: String(port),
      OIDC_ISSUER: testAuthConfig().issuer,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    await service.waitForLine(/"msg":"listening"/, 120_000);
    (service as RunningProcess & { url: string }).url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited(10_000).catch(() => undefined);
    }
    await new Promise((resolve) => collector?.close(resolve));
    await drop?.();
  });

  it("sends the last request's span before exiting on SIGTERM", async () => {
    const traceId = randomBytes(16).toString('hex');
    const url = (service as RunningProcess & { url: string }).url;
    const response = await fetch(`${url}/employers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, ...ADMIN },
      body: JSON.stringify({ organisationNumber: organisationNumber(), name: 'Sista AB', sector: 'private', municipalityCode: SKOVDE }),
    });
    expect(response.status).toBe(201);
    // OTLP/JSON writes ids in hex; base64 is what a protobuf-minded encoder would give.
    const seen = () => received.some((b) => b.includes(traceId) || b.includes(Buffer.from(traceId, 'hex').toString('base64')));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen()).toBe(false);

    service!.child.kill('SIGTERM');
    const exit = await service!.exited(30_000);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(seen()).toBe(true);
    // The span is the request's server span, under the caller's trace.
    const span = received.find((b) => b.includes(traceId))!;
    expect(span).toContain('/employers');
  });
});
