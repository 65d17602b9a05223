/*
 * The one-process composition (composeServices) run in a process of its own, to see whether a start that fails
 * partway lets the process exit on its own: nothing may be left running (relays, consumers, pools, timers).
 * Configured by DATABASE_URL, KAFKA_BROKERS, TOPIC_PREFIX and TEST_OIDC_ISSUER. Prints {"msg":"compose failed"}
 * and sets exit code 3 when the composition refuses to start; it never calls process.exit.
 */
import 'reflect-metadata';
import { DEFAULT_AUDIENCE, describeErrorSafely, JsonLogger } from '@jobbspar/platform';
import { composeServices } from '../../apps/jobbspar/src/compose-services';

async function main(): Promise<void> {
  const env = process.env;
  JsonLogger.threshold = 'info';
  try {
    const system = await composeServices({
      databaseUrl: env.DATABASE_URL!,
      kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',') : undefined,
      topicPrefix: env.TOPIC_PREFIX!,
      groupPrefix: env.TOPIC_PREFIX!,
      port: 0,
      auth: { issuer: env.TEST_OIDC_ISSUER!, audience: DEFAULT_AUDIENCE },
    });
    process.stdout.write(`${JSON.stringify({ msg: 'composed' })}\n`);
    await system.close();
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ msg: 'compose failed', error: describeErrorSafely(error) })}\n`);
    process.exitCode = 3;
  }
}

void main();
