import 'reflect-metadata';
import { assertBrokersReachable } from '@jobbspar/messaging';
import {
  assertDatabaseReachable,
  EnvReader,
  JsonLogger,
  readAuthConfig,
  readTracingConfig,
  redactUrl,
  runMain,
  startTracing,
  stopTracing,
  TravelClock,
} from '@jobbspar/platform';
import type { Express } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot, startPostgres } from '@jobbspar/infra';
import { FOLLOW_UP_CLIENT_ID } from '../../identity-provider/src/clients';
import { createIdentityProvider } from '../../identity-provider/src/identity-provider';
import { printDemoUsers } from '../../identity-provider/src/demo-users-banner';
import { composeServices } from './compose-services';
import { readJobbsparConfig } from './config/env';
import { seedDemo } from './demo/seed-demo';

/**
 * `npm start`: every service in one process, on an embedded PostgreSQL server (unless DATABASE_URL is set) and the
 * in-process event transport (unless KAFKA_BROKERS is set), with the project's OpenID provider at /oidc on the same
 * port (unless OIDC_ISSUER names another provider) and demo data. Ctrl-C stops everything, PostgreSQL too.
 */
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const logLevelOf = (level: unknown): (typeof LEVELS)[number] =>
  LEVELS.includes(level as never) ? (level as (typeof LEVELS)[number]) : 'info';

void runMain(async () => {
  const env = new EnvReader();
  JsonLogger.threshold = env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info');
  // Off unless OTEL_TRACES_EXPORTER says otlp or console (README, Operating it).
  startTracing(readTracingConfig(env, 'jobbspar'));
  const logger = new JsonLogger('jobbspar');
  // Every setting, each service's own too, checked before anything starts.
  const config = readJobbsparConfig(env, { dataDir: path.join(repoRoot(), '.data') });
  const { port, kafkaBrokers, topicPrefix, groupPrefix, settings, externalAuth, limits } = config;
  const host = config.host ?? '127.0.0.1';
  const demo = config.demoData;
  let databaseUrl = config.databaseUrl;

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    for (const stop of stops.reverse()) await stop().catch((error: Error) => logger.write('warn', 'stop failed', { error }));
    // The spans of the last second (the last requests') are still in their batch: send them before exiting.
    await stopTracing();
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

  // Listen first: the embedded provider's issuer is this server's own address (PORT may be 0).
  const ready: { handler?: Express } = {};
  const server = createServer((req, res) => {
    if (ready.handler) return void ready.handler(req, res);
    res.writeHead(503, { 'retry-after': '2', 'content-type': 'text/plain' }).end('starting');
  });
  // The demo lives through its history (a placement never starts before its acceptance, a registration is dated the
  // day it is made): candidate- and matching-service run on one clock the seed moves back and returns to now.
  const clock = demo ? new TravelClock() : undefined;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  // Reached over loopback when listening on every interface.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${reachable}:${(server.address() as AddressInfo).port}`;
  const external = externalAuth !== undefined;
  let auth = externalAuth ?? readAuthConfig(env, { issuer: `${origin}/oidc` });
  const mounts: Array<[string, Express]> = [];
  if (!external) {
    // follow-up-service's own client (client credentials), for candidate-service's protected counts.
    const followUp = { clientId: FOLLOW_UP_CLIENT_ID, secret: randomBytes(24).toString('base64url'), service: 'follow-up-service' };
    auth = { ...auth, serviceClient: { id: followUp.clientId, secret: followUp.secret } };
    const idp = await createIdentityProvider({
      issuer: auth.issuer,
      audience: auth.audience,
      demo,
      serviceClients: [followUp],
      log: (level, msg, fields) => logger.write(level, msg, { component: 'identity-provider', ...fields }),
    });
    mounts.push(['/oidc', idp.handler]);
  }

  const system = await composeServices(
    { databaseUrl, kafkaBrokers, topicPrefix, groupPrefix, port, auth, limits },
    { ...settings, candidate: { ...settings.candidate, clock }, matching: { ...settings.matching, clock } },
    mounts,
  );
  stops.push(system.close);
  ready.handler = system.handler;
  system.listening(origin);
  logger.info('listening', {
    url: origin,
    docs: `${origin}/docs`,
    issuer: auth.issuer,
    identityProvider: external ? 'external' : 'embedded',
    transport: kafkaBrokers ? 'kafka' : 'in-process',
  });
  if (demo) {
    await seedDemo(origin, logger, { issuer: auth.issuer }, { travel: (at) => (at ? clock!.travelTo(at) : clock!.backToNow()) });
    if (!external) printDemoUsers({ issuer: auth.issuer, docs: `${origin}/docs`, api: origin });
  }
});
