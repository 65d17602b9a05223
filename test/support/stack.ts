import { INestApplication } from '@nestjs/common';
import { ALL_TOPICS, deadLetterTopic, SERVICES } from '@jobbspar/contracts';
import { AbuseLimits, Clock, ServiceConfig } from '@jobbspar/platform';
import { createEmployerApp } from '../../apps/employer-service/src/bootstrap';
import { createCandidateApp } from '../../apps/candidate-service/src/bootstrap';
import { createMatchingApp } from '../../apps/matching-service/src/bootstrap';
import { createFollowUpApp } from '../../apps/follow-up-service/src/bootstrap';
import { inProcessSource, RecordSource, unwatchRecords, watchApp, watchRecords } from './contract-check';
import { testAuthConfig } from './auth';
import { createTestDatabase, testInfra, uniqueName } from './infra';
import { KafkaProbe } from './kafka-probe';

export type ServiceName = 'employer' | 'candidate' | 'matching' | 'followUp';

export interface TestStack {
  apps: Partial<Record<ServiceName, INestApplication>>;
  config: ServiceConfig;
  databaseUrl: string;
  topic(logical: string): string;
  /** Stops one service (consumer, relay, pool) as a crash or deploy would, leaving its data. */
  stop(service: ServiceName): Promise<void>;
  start(service: ServiceName): Promise<INestApplication>;
  close(): Promise<void>;
}

const FACTORIES: Record<ServiceName, (config: ServiceConfig) => Promise<INestApplication>> = {
  employer: createEmployerApp,
  candidate: createCandidateApp,
  matching: createMatchingApp,
  followUp: createFollowUpApp,
};
const SERVICE_NAMES: Record<ServiceName, string> = {
  employer: 'employer-service',
  candidate: 'candidate-service',
  matching: 'matching-service',
  followUp: 'follow-up-service',
};

/** Every topic the services of a prefix can write: the streams and each service's dead-letter topic. */
export function systemTopics(prefix: string): string[] {
  return [...ALL_TOPICS.map((t) => `${prefix}${t}`), ...SERVICES.map((s) => deadLetterTopic(prefix, s))];
}

/**
 * Starts the given services in this jest worker against the run's real PostgreSQL and Kafka, isolated from other
 * suites by a database, a topic prefix and consumer-group prefix of their own.
 */
/** `matchingClock`: matching-service's clock, for a suite that must travel in time (history that the date rules forbid backdating). */
export async function startStack(
  services: ServiceName[],
  options: { transport?: 'kafka' | 'in-process'; matchingClock?: Clock; limits?: AbuseLimits } = {},
): Promise<TestStack> {
  const { brokers } = testInfra();
  const database = await createTestDatabase();
  const prefix = `${uniqueName('t')}.`;
  const config: ServiceConfig = {
    databaseUrl: database.url,
    kafkaBrokers: options.transport === 'in-process' ? undefined : brokers,
    topicPrefix: prefix,
    groupPrefix: prefix,
    port: 0,
    auth: testAuthConfig(),
    limits: options.limits,
  };
  const apps: Partial<Record<ServiceName, INestApplication>> = {};
  // Everything the services publish is checked against the AsyncAPI document (test/support/contract-check.ts).
  let probe: KafkaProbe | undefined;
  let records: RecordSource;
  if (config.kafkaBrokers) {
    probe = new KafkaProbe(config.kafkaBrokers);
    await probe.watch(systemTopics(prefix));
    records = probe.asSource(prefix);
  } else records = inProcessSource(prefix, () => systemTopics(prefix));
  watchRecords(records);
  const stack: TestStack = {
    apps,
    config,
    databaseUrl: database.url,
    topic: (logical) => `${prefix}${logical}`,
    stop: async (service) => {
      await apps[service]?.close();
      delete apps[service];
    },
    start: async (service) => {
      const app =
        service === 'matching' ? await createMatchingApp({ ...config, clock: options.matchingClock }) : await FACTORIES[service](config);
      watchApp(app, SERVICE_NAMES[service]);
      apps[service] = app;
      return app;
    },
    close: async () => {
      await Promise.allSettled(Object.values(apps).map((app) => app.close()));
      try {
        await unwatchRecords(records);
      } finally {
        await probe?.close();
        await database.drop();
      }
    },
  };
  for (const service of services) await stack.start(service);
  return stack;
}
