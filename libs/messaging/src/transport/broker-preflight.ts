import { ConfigError } from '@jobbspar/platform';
import { Kafka, logLevel } from 'kafkajs';

/** Fails fast, with one line naming KAFKA_BROKERS, when no broker answers a metadata request. */
export async function assertBrokersReachable(brokers: string[], variable = 'KAFKA_BROKERS', timeoutMs = 5000): Promise<void> {
  const admin = new Kafka({
    clientId: 'jobbspar-preflight',
    brokers,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: timeoutMs,
    retry: { retries: 1, initialRetryTime: 200 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await Promise.race([
      admin.connect().then(() => admin.describeCluster()),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
  } catch (error) {
    throw new ConfigError(variable, `no Kafka broker answers at ${brokers.join(',')}: ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
