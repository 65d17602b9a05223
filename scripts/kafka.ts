/*
 * Runs a development Kafka broker in the foreground until Ctrl-C.
 *
 *   node -r ts-node/register -r tsconfig-paths/register scripts/kafka.ts [--data-dir DIR | --temp] [--port N]
 *
 * Data persists in .data/kafka unless --temp. Stdout gets exactly one JSON line once the broker is ready (with
 * `brokers` and `version`, for scripts to read); logs go to stderr, the broker's own log to DIR/logs/server.log.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startKafka } from './infra/kafka';
import { stderrJsonLog } from './infra/log';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, temp: { type: 'boolean', default: false }, port: { type: 'string' } },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`--port must be a TCP port number, got '${values.port}'`);
  }
  const dataDir = values.temp ? undefined : (values['data-dir'] ?? path.resolve(__dirname, '..', '.data', 'kafka'));

  const kafka = await startKafka({ dataDir, port });
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'Kafka broker running; Ctrl-C stops it', component: 'kafka', brokers: kafka.brokers, version: kafka.version, dataDir: kafka.dataDir })}\n`,
  );

  let stopping = false;
  const shutdown = (): void => {
    // A second Ctrl-C means "now": exiting lets the exit hook signal the broker without waiting for it.
    if (stopping) process.exit(130);
    stopping = true;
    kafka.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        stderrJsonLog({ level: 'error', msg: 'stopping the Kafka broker failed', component: 'kafka', error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  stderrJsonLog({ level: 'error', msg: err instanceof Error ? err.message : String(err), component: 'kafka' });
  process.exit(1);
});
