import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnvReader, JsonLogger, redactUrl } from '@jobbspar/platform';
import { CANDIDATE_ROUTES } from '../apps/candidate-service/src/app.module';
import { EMPLOYER_ROUTES } from '../apps/employer-service/src/app.module';
import { seedDemo } from '../apps/jobbspar/src/demo/seed-demo';
import { printDemoUsers } from '../apps/identity-provider/src/demo-users-banner';
import { randomBytes } from 'node:crypto';
import { FOLLOW_UP_CLIENT_ID } from '../apps/identity-provider/src/clients';
import { startIdentityProvider } from '../apps/identity-provider/src/identity-provider';
import { MATCHING_ROUTES } from '../apps/matching-service/src/app.module';
import { FOLLOW_UP_ROUTES } from '../apps/follow-up-service/src/app.module';
import { startKafka } from './infra/kafka';
import { repoRoot, startPostgres } from '@jobbspar/infra';
import { ensureWebBuild } from './infra/web-build';

/**
 * `npm run stack`: the distributed system on one machine — a real Kafka broker (KRaft), PostgreSQL, the project's
 * OpenID provider (3009; OIDC_ISSUER names another instead), each service in its own process on its own port (3001 employer, 3002 candidate, 3003 matching, 3004 follow-up), and the front
 * door (3000: the web app and every API on one origin); STACK_BASE_PORT moves them all (front = base - 1). Ctrl-C
 * stops all and exits 0; a process that dies, however it dies, stops everything else too (services, front door,
 * broker, database) and the stack exits 1. KAFKA_BROKERS / DATABASE_URL / OIDC_ISSUER, when set, are used instead of starting a
 * broker / database; DATA_DIR (default .data) holds their data and the stack.env file.
 */
const root = repoRoot();
const env = new EnvReader();
const dataDir = path.resolve(env.string('DATA_DIR', path.join(root, '.data')));
export const STACK_ENV = path.join(dataDir, 'stack.env');
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const threshold = LEVELS.indexOf(env.oneOf('LOG_LEVEL', LEVELS, 'info'));
const log = (entry: Record<string, unknown>): void => {
  if (LEVELS.indexOf(entry.level as (typeof LEVELS)[number]) < threshold) return;
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), component: 'stack', ...entry }) + '\n');
};
const basePort = env.int('STACK_BASE_PORT', 3001, { min: 2, max: 65532 });
const FRONT_PORT = basePort - 1;
const SERVICES: Array<[string, number, readonly string[]]> = [
  ['employer-service', basePort, EMPLOYER_ROUTES],
  ['candidate-service', basePort + 1, CANDIDATE_ROUTES],
  ['matching-service', basePort + 2, MATCHING_ROUTES],
  ['follow-up-service', basePort + 3, FOLLOW_UP_ROUTES],
];
/** How long a service gets to stop after SIGTERM before it is killed. */
const SERVICE_STOP_GRACE_MS = 10_000;

/** The service that owns a path, as the one-process front routes it. */
function urlOf(apiPath: string): string {
  const route = apiPath.split('?')[0];
  const owner = SERVICES.find(([, , prefixes]) => prefixes.some((p) => route === p || route.startsWith(`${p}/`)));
  if (!owner) throw new Error(`no service serves ${apiPath}`);
  return `http://127.0.0.1:${owner[1]}${apiPath}`;
}

async function waitForHealth(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const [service, port] of SERVICES) {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${service} did not become healthy`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Resolves true once the child has exited (a signal counts: exitCode stays null then), false after `ms`. */
function exitWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const stops: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];
let stopping: Promise<never> | undefined;

/** Stops the services (SIGTERM, then SIGKILL after a grace period), then what the stack started, then exits. */
function stop(exitCode: number): Promise<never> {
  stopping ??= (async (): Promise<never> => {
    const started = Date.now();
    for (const child of children) if (!hasExited(child)) child.kill('SIGTERM');
    await Promise.all(
      children.map(async (child) => {
        if (await exitWithin(child, SERVICE_STOP_GRACE_MS)) return;
        log({ level: 'warn', msg: 'a service ignored SIGTERM; killing it', pid: child.pid });
        child.kill('SIGKILL');
        await exitWithin(child, 5_000);
      }),
    );
    for (const s of stops.reverse()) await s().catch((error: Error) => log({ level: 'warn', msg: 'stop failed', error: error.message }));
    log({ level: exitCode === 0 ? 'info' : 'error', msg: 'stack stopped', exitCode, elapsedMs: Date.now() - started });
    process.exit(exitCode);
  })();
  return stopping;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    await startEverything();
  } catch (error) {
    process.stderr.write(`stack failed: ${(error as Error).message.split('\n')[0]}\n`);
    await stop(1);
  }
}

async function startEverything(): Promise<void> {
  const pids: Record<string, number | undefined> = {};
  let databaseUrl = env.postgresUrl('DATABASE_URL');
  if (!databaseUrl) {
    const pg = await startPostgres({ dataDir: path.join(dataDir, 'stack-postgres'), log });
    stops.push(pg.stop);
    databaseUrl = pg.url;
    pids.postgres = pg.pid;
  }
  let brokers = env.optional('KAFKA_BROKERS');
  if (!brokers) {
    const kafka = await startKafka({ dataDir: path.join(dataDir, 'stack-kafka'), log });
    stops.push(kafka.stop);
    brokers = kafka.brokers;
    pids.kafka = kafka.pid;
  }
  let issuer = process.env.OIDC_ISSUER;
  // follow-up-service's own client, for candidate-service's protected counts (an external provider brings its own).
  let followUpClient: Record<string, string> = {};
  if (!issuer) {
    const secret = randomBytes(24).toString('base64url');
    followUpClient = { OIDC_CLIENT_ID: FOLLOW_UP_CLIENT_ID, OIDC_CLIENT_SECRET: secret };
    const idp = await startIdentityProvider({
      port: 3009,
      demo: true,
      serviceClients: [{ clientId: FOLLOW_UP_CLIENT_ID, secret, service: 'follow-up-service' }],
      log: (level, msg, fields) => log({ level, component: 'identity-provider', msg, ...fields }),
    });
    stops.push(idp.stop);
    issuer = idp.issuer;
  }
  await ensureWebBuild({ log });
  const serviceUrl = (name: string): string => `http://127.0.0.1:${SERVICES.find(([s]) => s === name)![1]}`;
  const processes: Array<[string, string, Record<string, string>]> = [
    ...SERVICES.map(([service, port]): [string, string, Record<string, string>] => [
      service,
      `apps/${service}/src/main.js`,
      {
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: brokers,
        OIDC_ISSUER: issuer,
        PORT: String(port),
        // The front door proxies from this machine: the client's address is the one it forwards (rate limits).
        TRUST_PROXY: 'loopback',
        CANDIDATE_SERVICE_URL: serviceUrl('candidate-service'),
        ...(service === 'follow-up-service' ? followUpClient : {}),
      },
    ]),
    [
      'front',
      'apps/jobbspar/src/front-main.js',
      {
        PORT: String(FRONT_PORT),
        OIDC_ISSUER: issuer,
        ...Object.fromEntries(
          SERVICES.map(([service]) => [
            `${service.replace('-service', '').replace('-', '_').toUpperCase()}_SERVICE_URL`,
            serviceUrl(service),
          ]),
        ),
      },
    ],
  ];
  for (const [name, entry, childEnv] of processes) {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', entry)], {
      cwd: root,
      env: { ...process.env, ...childEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log({ level: 'error', msg: 'a service exited; stopping the stack', service: name, code, signal });
      void stop(1);
    });
    children.push(child);
    pids[name] = child.pid;
  }
  // Where the running stack is, for tools such as `npm run replay` started from another terminal.
  mkdirSync(path.dirname(STACK_ENV), { recursive: true });
  writeFileSync(STACK_ENV, `DATABASE_URL=${databaseUrl}\nKAFKA_BROKERS=${brokers}\nOIDC_ISSUER=${issuer}\n`);
  stops.push(async () => rmSync(STACK_ENV, { force: true }));
  log({
    level: 'info',
    msg: 'stack starting',
    brokers,
    databaseUrl: redactUrl(databaseUrl),
    issuer,
    stackEnv: STACK_ENV,
    pids,
    web: `http://127.0.0.1:${FRONT_PORT}`,
    services: Object.fromEntries(SERVICES.map(([s, p]) => [s, `http://127.0.0.1:${p}`])),
  });
  await waitForHealth();
  log({ level: 'info', msg: 'stack ready' });
  if (env.bool('DEMO_DATA', true)) {
    await seedDemo(urlOf, new JsonLogger('demo'), { issuer });
    if (!process.env.OIDC_ISSUER)
      printDemoUsers({ issuer, docs: 'http://127.0.0.1:3001/docs (and 3002, 3003)', api: 'http://127.0.0.1:3002' });
  }
}

void main();
