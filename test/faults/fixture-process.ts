/*
 * The backbone fixture (a producer that writes a row and its event in one transaction, a consumer that records
 * each event it applies) as a process of its own, so the fault suite can SIGKILL it. Configured by environment:
 *   ROLE=producer|consumer, DATABASE_URL, KAFKA_BROKERS, TOPIC_PREFIX, PORT (producer),
 *   DELIVERIES_FILE (consumer): one line per delivery attempt, `<epoch ms> <topic>:<partition>:<offset>`, appended
 *     synchronously before the message is processed, so it survives a SIGKILL: the redelivery count;
 *   KILL_AFTER_PUBLISHES=N (producer): SIGKILL itself right after the broker acknowledged its N-th batch, before the
 *     relay marks those outbox rows sent.
 * Prints {"msg":"fixture ready"} once it consumes / listens; SIGTERM closes it cleanly.
 */
import 'reflect-metadata';
import { EVENT_TRANSPORT, EventTransport } from '@jobbspar/messaging';
import { DEFAULT_AUDIENCE, JsonLogger } from '@jobbspar/platform';
import { appendFileSync } from 'node:fs';
import { startFixtureApp } from '../backbone/backbone-fixture';

async function main(): Promise<void> {
  const env = process.env;
  const role = env.ROLE === 'producer' ? 'producer' : 'consumer';
  JsonLogger.threshold = 'warn';
  const config = {
    databaseUrl: env.DATABASE_URL!,
    kafkaBrokers: env.KAFKA_BROKERS!.split(','),
    topicPrefix: env.TOPIC_PREFIX!,
    groupPrefix: env.TOPIC_PREFIX!,
    port: Number(env.PORT ?? 0),
    // The run's provider (the harness passes the jest worker's environment on).
    auth: { issuer: env.TEST_OIDC_ISSUER!, audience: DEFAULT_AUDIENCE },
  };
  const app = await startFixtureApp(config, role, {
    beforeConnect: (created) => {
      const transport = created.get<EventTransport>(EVENT_TRANSPORT);
      if (env.DELIVERIES_FILE) {
        const file = env.DELIVERIES_FILE;
        const subscribe = transport.subscribe.bind(transport);
        transport.subscribe = (group, topics, handle, options) =>
          subscribe(
            group,
            topics,
            async (batch) => {
              const now = Date.now();
              appendFileSync(file, batch.map((m) => `${now} ${m.topic}:${m.partition}:${m.offset}\n`).join(''));
              await handle(batch);
            },
            options,
          );
      }
      const killAfter = Number(env.KILL_AFTER_PUBLISHES ?? 0);
      if (killAfter > 0) {
        let published = 0;
        const publish = transport.publish.bind(transport);
        transport.publish = async (messages, lane) => {
          await publish(messages, lane);
          if (++published >= killAfter) process.kill(process.pid, 'SIGKILL');
        };
      }
    },
  });
  if (role === 'producer') await app.listen(config.port, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ msg: 'fixture ready', role, pid: process.pid })}\n`);
  const stop = (): void => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fixture failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
