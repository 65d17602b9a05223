import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JsonLogger } from '@jobbspar/platform';
import { CANDIDATE_ROUTES } from '../apps/candidate-service/src/app.module';
import { EMPLOYER_ROUTES } from '../apps/employer-service/src/app.module';
import { seedDemo } from '../apps/jobbspar/src/demo/seed-demo';
import { MATCHING_ROUTES } from '../apps/matching-service/src/app.module';
import { FOLLOW_UP_ROUTES } from '../apps/follow-up-service/src/app.module';
import { startKafka } from './infra/kafka';
import { startPostgres } from './infra/postgres';
import { ensureWebBuild } from './infra/web-build';

/**
 * `npm run stack`: the distributed system on one machine — a real Kafka broker (KRaft), PostgreSQL, each
 * service in its own process on its own port (3001 employer, 3002 candidate, 3003 matching, 3004 follow-up), and
 * the front door (3000: the web app and every API on one origin). Ctrl-C stops all.
 * KAFKA_BROKERS / DATABASE_URL, when set, are used instead of starting a broker / database.
 */
const root = path.resolve(__dirname, '..');
export const STACK_ENV = path.join(root, '.data', 'stack.env');
const log = (entry: Record<string, unknown>): void =>
  void process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
const FRONT_PORT = 3000;
const SERVICES: Array<[string, number, readonly string[]]> = [
  ['employer-service', 3001, EMPLOYER_ROUTES],
  ['candidate-service', 3002, CANDIDATE_ROUTES],
  ['matching-service', 3003, MATCHING_ROUTES],
  ['follow-up-service', 3004, FOLLOW_UP_ROUTES],
];

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

async function main(): Promise<void> {
  const stops: Array<() => Promise<void>> = [];
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
    for (const s of stops.reverse()) await s().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startPostgres({ dataDir: path.join(root, '.data', 'stack-postgres'), log });
    stops.push(pg.stop);
    databaseUrl = pg.url;
  }
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    const kafka = await startKafka({ dataDir: path.join(root, '.data', 'stack-kafka'), log });
    stops.push(kafka.stop);
    brokers = kafka.brokers;
  }
  await ensureWebBuild({ log });
  const processes: Array<[string, string, Record<string, string>]> = [
    ...SERVICES.map(
      ([service, port]) =>
        [
          service,
          `apps/${service}/src/main.ts`,
          { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, PORT: String(port), CANDIDATE_SERVICE_URL: 'http://127.0.0.1:3002' },
        ] as [string, string, Record<string, string>],
    ),
    [
      'front',
      'apps/jobbspar/src/front-main.ts',
      {
        PORT: String(FRONT_PORT),
        ...Object.fromEntries(
          SERVICES.map(([service, port]) => [
            `${service.replace('-service', '').replace('-', '_').toUpperCase()}_SERVICE_URL`,
            `http://127.0.0.1:${port}`,
          ]),
        ),
      },
    ],
  ];
  for (const [service, entry, env] of processes) {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', entry], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => {
      if (!stopping) {
        log({ level: 'error', msg: 'service exited; stopping the stack', service, code });
        void stop();
      }
    });
    children.push(child);
  }
  // Where the running stack is, for tools such as `npm run replay` started from another terminal.
  mkdirSync(path.dirname(STACK_ENV), { recursive: true });
  writeFileSync(STACK_ENV, `DATABASE_URL=${databaseUrl}\nKAFKA_BROKERS=${brokers}\n`);
  stops.push(async () => rmSync(STACK_ENV, { force: true }));
  log({
    level: 'info',
    msg: 'stack starting',
    brokers,
    databaseUrl,
    stackEnv: STACK_ENV,
    web: `http://127.0.0.1:${FRONT_PORT}`,
    services: Object.fromEntries(SERVICES.map(([s, p]) => [s, `http://127.0.0.1:${p}`])),
  });
  await waitForHealth();
  log({ level: 'info', msg: 'stack ready' });
  if (!/^(0|false|no|off)$/i.test(process.env.DEMO_DATA ?? '')) await seedDemo(urlOf, new JsonLogger('demo'));
}

main().catch((error: Error) => {
  process.stderr.write(`stack failed: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});
