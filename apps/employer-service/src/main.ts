import 'reflect-metadata';
import { assertBrokersReachable } from '@jobbspar/messaging';
import {
  assertDatabaseReachable,
  closeOnSignals,
  ConfigError,
  EnvReader,
  JsonLogger,
  readTracingConfig,
  runMain,
  startTracing,
} from '@jobbspar/platform';
import { createEmployerApp } from './bootstrap';
import { readEmployerConfig, SERVICE_NAME } from './config/env';

/** Distributed mode: this service alone, against Kafka and PostgreSQL given by the environment. */
void runMain(async () => {
  const env = new EnvReader();
  JsonLogger.threshold = env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info');
  // Off unless OTEL_TRACES_EXPORTER says otlp or console (README, Operating it).
  startTracing(readTracingConfig(env, SERVICE_NAME));
  const config = readEmployerConfig(env);
  if (!config.kafkaBrokers)
    throw new ConfigError(
      'KAFKA_BROKERS',
      'is required when a service runs on its own (npm start runs all of them in one process without Kafka)',
    );
  await Promise.all([assertDatabaseReachable(config.databaseUrl), assertBrokersReachable(config.kafkaBrokers)]);
  const app = await createEmployerApp(config);
  closeOnSignals(app, SERVICE_NAME);
  await app.listen(config.port, config.host ?? '127.0.0.1');
  new JsonLogger(SERVICE_NAME).info('listening', {
    host: config.host ?? '127.0.0.1',
    port: config.port,
    transport: config.kafkaBrokers ? 'kafka' : 'in-process',
  });
});
