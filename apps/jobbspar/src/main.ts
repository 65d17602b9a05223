import 'reflect-metadata';
import { assertBrokersReachable } from '@jobbspar/messaging';
import { assertDatabaseReachable, EnvReader, JsonLogger, redactUrl, runMain } from '@jobbspar/platform';
import { createServer } from 'node:http';
import path from 'node:path';
import { repoRoot, startPostgres } from '@jobbspar/infra';
import { composeServices } from './compose-services';
import { readJobbsparConfig } from './config/env';
import { seedDemo } from './demo/seed-demo';

/**
 * `npm start`: every service in one process, on an embedded PostgreSQL server (unless DATABASE_URL is set) and the
 * in-process event transport (unless KAFKA_BROKERS is set), with demo data. Ctrl-C stops everything, PostgreSQL too.
 */
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const logLevelOf = (level: unknown): (typeof LEVELS)[number] =>
  LEVELS.includes(level as never) ? (level as (typeof LEVELS)[number]) : 'info';

void runMain(async () => {
  const env = new EnvReader();
  JsonLogger.threshold = env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info');
  const logger = new JsonLogger('jobbspar');
  // Every setting, each service's own too, checked before anything starts.
  const config = readJobbsparConfig(env, { dataDir: path.join(repoRoot(), '.data') });
  const { port, kafkaBrokers, topicPrefix, groupPrefix, settings } = config;
  let databaseUrl = config.databaseUrl;

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    for (const stop of stops.reverse()) await stop().catch((error: Error) => logger.write('warn', 'stop failed', { error }));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (!databaseUrl) {
    const pg = await startPostgres({
      dataDir: path.join(path.resolve(config.dataDir), 'postgres'),
      log: (entry) => logger.write(logLevelOf(entry.level), String(entry.msg ?? 'postgres'), entry),
    });
    stops.push(pg.stop);
    databaseUrl = pg.url;
  } else await assertDatabaseReachable(databaseUrl);
  if (kafkaBrokers) await assertBrokersReachable(kafkaBrokers);
  logger.info('database', { url: redactUrl(databaseUrl), embedded: !config.databaseUrl });

  const system = await composeServices({ databaseUrl, kafkaBrokers, topicPrefix, groupPrefix, port }, settings);
  stops.push(system.close);
  const server = createServer(system.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  system.listening(`http://127.0.0.1:${actualPort}`);
  logger.info('listening', {
    url: `http://127.0.0.1:${actualPort}`,
    docs: `http://127.0.0.1:${actualPort}/docs`,
    transport: kafkaBrokers ? 'kafka' : 'in-process',
  });
  if (config.demoData) await seedDemo(`http://127.0.0.1:${actualPort}`, logger);
});
