/*
 * Toxiproxy (Shopify's TCP proxy for simulating network faults: latency, resets, a blackhole) for the fault suite's
 * network scenarios, between the services and the broker. It is a Go module: built on first use with the machine's
 * Go toolchain from the Go module proxy (`go install`, about two minutes cold) into .data/toxiproxy/<version>/, and
 * reused from there. Driven through its REST API with fetch: three calls (a proxy, a toxic, its removal) need no
 * client library.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { componentLogger, freePort, guardChildProcess, repoRoot, type LogFn } from '../../libs/infra/src'; // relative, as kafka.ts

/** The newest release the Go module proxy serves here (v2.3.0 and v2.5.0); its server is `cmd/server`. */
export const TOXIPROXY_VERSION = 'v2.5.0';
const PACKAGE = `github.com/Shopify/toxiproxy/v2/cmd/server@${TOXIPROXY_VERSION}`;

export interface Toxic {
  type: 'latency' | 'reset_peer' | 'timeout' | 'bandwidth' | 'slow_close' | 'limit_data' | 'slicer';
  stream?: 'upstream' | 'downstream';
  toxicity?: number;
  attributes: Record<string, number>;
}

export interface ToxiproxyHandle {
  url: string;
  /** A proxy listening on 127.0.0.1:`listenPort` for `upstream` (host:port). */
  createProxy(name: string, listenPort: number, upstream: string): Promise<void>;
  addToxic(proxy: string, name: string, toxic: Toxic): Promise<void>;
  removeToxic(proxy: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The server binary, built with `go install` the first time. */
export async function ensureToxiproxy(log?: LogFn): Promise<string> {
  const logger = componentLogger('toxiproxy', log);
  const dir = path.join(repoRoot(), '.data', 'toxiproxy', TOXIPROXY_VERSION);
  const binary = path.join(dir, 'server');
  if (existsSync(binary)) return binary;
  if (spawnSync('go', ['version'], { stdio: 'ignore', env: process.env }).error) {
    throw new Error(`Cannot build Toxiproxy: 'go' (the Go toolchain, which builds it from the Go module proxy) was not found`);
  }
  await mkdir(dir, { recursive: true });
  const started = Date.now();
  logger.info('building Toxiproxy with go install (a cold module cache downloads a few MB)', { package: PACKAGE });
  const ticker = setInterval(() => logger.info('still building Toxiproxy', { elapsedMs: Date.now() - started }), 15_000);
  try {
    const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn('go', ['install', PACKAGE], {
        env: { ...process.env, GOBIN: dir, GOFLAGS: '-buildvcs=false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
      child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, output }));
    });
    if (result.code !== 0 || !existsSync(binary)) throw new Error(`go install ${PACKAGE} failed:\n${result.output}`);
  } finally {
    clearInterval(ticker);
  }
  logger.info('built Toxiproxy', { binary, elapsedMs: Date.now() - started });
  return binary;
}

export async function startToxiproxy(opts: { log?: LogFn } = {}): Promise<ToxiproxyHandle> {
  const binary = await ensureToxiproxy(opts.log);
  const port = await freePort();
  const child = spawn(binary, ['-host', '127.0.0.1', '-port', String(port)], { stdio: 'ignore', env: process.env });
  const release = guardChildProcess(child.pid!, { signal: 'SIGTERM', hardSignal: 'SIGKILL', graceSeconds: 5 });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await fetch(`${url}/version`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      release();
      throw new Error('Toxiproxy did not answer within 20 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const call = async (method: string, route: string, body?: unknown): Promise<void> => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Toxiproxy ${method} ${route}: ${res.status} ${await res.text()}`);
  };
  return {
    url,
    createProxy: (name, listenPort, upstream) =>
      call('POST', '/proxies', { name, listen: `127.0.0.1:${listenPort}`, upstream, enabled: true }),
    addToxic: (proxy, name, toxic) => call('POST', `/proxies/${proxy}/toxics`, { name, stream: 'downstream', toxicity: 1, ...toxic }),
    removeToxic: (proxy, name) => call('DELETE', `/proxies/${proxy}/toxics/${name}`),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      release();
    },
  };
}
