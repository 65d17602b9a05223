import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startKafka } from './infra/kafka';
import { startPostgres } from './infra/postgres';

/**
 * `npm run stack`: the distributed system on one machine — a real Kafka broker (KRaft), PostgreSQL, and each
 * service in its own process on its own port (3001 employer, 3002 candidate, 3003 matching). Ctrl-C stops all.
 * KAFKA_BROKERS / DATABASE_URL, when set, are used instead of starting a broker / database.
 */
const root = path.resolve(__dirname, '..');
const log = (entry: Record<string, unknown>): void =>
  void process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
const SERVICES: Array<[string, number]> = [
  ['employer-service', 3001],
  ['candidate-service', 3002],
  ['matching-service', 3003],
];

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
  for (const [service, port] of SERVICES) {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', `apps/${service}/src/main.ts`], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, PORT: String(port) },
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
  log({
    level: 'info',
    msg: 'stack starting',
    brokers,
    services: Object.fromEntries(SERVICES.map(([s, p]) => [s, `http://127.0.0.1:${p}`])),
  });
}

main().catch((error: Error) => {
  process.stderr.write(`stack failed: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});
