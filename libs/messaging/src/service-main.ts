import type { INestApplication } from '@nestjs/common';
import {
  assertDatabaseReachable,
  closeOnSignals,
  ConfigError,
  EnvReader,
  JsonLogger,
  readTracingConfig,
  runMain,
  type ServiceConfig,
  startTracing,
} from '@jobbspar/platform';
import { assertBrokersReachable } from './transport/broker-preflight';

/**
 * Distributed mode, the same for every service: one service alone against the Kafka and PostgreSQL its environment
 * names, both checked before anything starts, listening on HOST:PORT, stopped quietly by SIGINT/SIGTERM.
 */
export function runServiceMain<C extends ServiceConfig>(
  service: string,
  readConfig: (env: EnvReader) => C,
  createApp: (config: C) => Promise<INestApplication>,
): void {
  void runMain(async () => {
    const env = new EnvReader();
    JsonLogger.threshold = env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info');
    // Off unless OTEL_TRACES_EXPORTER says otlp or console (README, Operating it).
    startTracing(readTracingConfig(env, service));
    const config = readConfig(env);
    if (!config.kafkaBrokers)
      throw new ConfigError(
        'KAFKA_BROKERS',
        'is required when a service runs on its own (npm start runs all of them in one process without Kafka)',
      );
    await Promise.all([assertDatabaseReachable(config.databaseUrl), assertBrokersReachable(config.kafkaBrokers)]);
    const app = await createApp(config);
    closeOnSignals(app, service);
    const host = config.host ?? '127.0.0.1';
    await app.listen(config.port, host);
    new JsonLogger(service).info('listening', { host, port: config.port, transport: 'kafka' });
  });
}
