import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonLogger } from '../logging/json-logger';
import { ROUTE } from '../observability/metrics';
import { correlationMiddleware, requestLogger } from './correlation';

describe('the request log line', () => {
  let server: Server;
  let base: string;
  const lines: Record<string, unknown>[] = [];
  const sink = JsonLogger.sink;
  const threshold = JsonLogger.threshold;

  beforeAll(async () => {
    JsonLogger.sink = (line) => void lines.push(JSON.parse(line) as Record<string, unknown>);
    const log = requestLogger('test-service');
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      correlationMiddleware(req, res, () =>
        log(req, res, () => {
          (req as IncomingMessage & { [ROUTE]?: string })[ROUTE] = req.url?.startsWith('/needs') ? '/needs/:id' : undefined;
          res.statusCode = req.url?.includes('boom') ? 503 : 200;
          res.end('{}');
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    lines.length = 0;
    JsonLogger.threshold = 'info';
  });
  afterAll(async () => {
    JsonLogger.sink = sink;
    JsonLogger.threshold = threshold;
    await new Promise((resolve) => server.close(resolve));
  });

  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('is one line per request once it is answered: method, route, path without its query, status, time, correlation id', async () => {
    await fetch(`${base}/needs/abc?text=Åsa`, { headers: { 'x-correlation-id': 'corr-1234-abcd' } });
    await settled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      component: 'http',
      service: 'test-service',
      correlationId: 'corr-1234-abcd',
      req: { method: 'GET', path: '/needs/abc' },
      res: { status: 200 },
      route: '/needs/:id',
    });
    expect(typeof lines[0].ms).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain('Åsa');
  });

  it('says a 5xx at level error, and writes nothing for probes or below the threshold', async () => {
    await fetch(`${base}/needs/boom`);
    await fetch(`${base}/health/ready`);
    await fetch(`${base}/metrics`);
    await settled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'request failed', res: { status: 503 }, err: { name: 'Error' } });

    JsonLogger.threshold = 'warn';
    await fetch(`${base}/needs/abc`);
    await fetch(`${base}/needs/boom`);
    await settled();
    expect(lines.map((l) => l.msg)).toEqual(['request failed', 'request failed']);
  });
});
