import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFront } from './front';

const listen = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<[Server, string]> => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
};

/** The distributed stack's front door, against real HTTP servers standing in for the three services. */
describe('the front door of the distributed stack', () => {
  const servers: Server[] = [];
  let base: string;

  beforeAll(async () => {
    const upstream = async (name: string) => {
      const [server, url] = await listen((req, res) => {
        if (req.url === '/matching/stream') {
          // A stream that only ends when the client goes: the proxy must pass each chunk on as it comes.
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: first\n\n');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ service: name, url: req.url, auth: req.headers.authorization ?? null }));
      });
      servers.push(server);
      return url;
    };
    const dist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<div id="root"></div>');
    writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    const front = createFront(
      {
        employer: await upstream('employer'),
        candidate: await upstream('candidate'),
        matching: await upstream('matching'),
        followUp: await upstream('follow-up'),
      },
      'http://127.0.0.1:3009',
      dist,
    );
    const [server, url] = await listen(front);
    servers.push(server);
    base = url;
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('tells the web app where to log in: the issuer and its public client', async () => {
    const res = await fetch(`${base}/auth/config`);
    expect(await res.json()).toEqual({ issuer: 'http://127.0.0.1:3009', clientId: 'jobbspar-web' });
  });

  it('sends each API path to the service that owns it, with its query and headers', async () => {
    const owner = async (p: string) =>
      (await (await fetch(`${base}${p}`, { headers: { authorization: 'Bearer t' } })).json()) as {
        service: string;
        url: string;
        auth: string;
      };
    expect(await owner('/needs?status=open')).toEqual({ service: 'employer', url: '/needs?status=open', auth: 'Bearer t' });
    expect((await owner('/candidates/1')).service).toBe('candidate');
    expect((await owner('/internships')).service).toBe('candidate');
    expect((await owner('/matching/review-queue')).service).toBe('matching');
    expect((await owner('/follow-up/progress')).service).toBe('follow-up');
  });

  it('serves the web app for its pages and assets, and 404s paths nobody owns', async () => {
    for (const p of ['/', '/coordinator/queue', '/employer/needs/abc'])
      expect(await (await fetch(`${base}${p}`)).text()).toBe('<div id="root"></div>');
    const asset = await fetch(`${base}/assets/app-1.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/nobody`)).status).toBe(404);
  });

  it('passes a stream through as it comes (server-sent events)', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/matching/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('data: first\n\n');
    controller.abort();
  });
});
