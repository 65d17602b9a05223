/*
 * Runs a development PostgreSQL server in the foreground until Ctrl-C.
 *
 *   node -r ts-node/register -r tsconfig-paths/register scripts/postgres.ts [--data-dir DIR | --temp] [--port N]
 *
 * Data persists in .data/postgres unless --temp. Stdout gets exactly one JSON line once the server is ready (with
 * `url`, for scripts to read); logs go to stderr (server output only with LOG_LEVEL=debug).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stderrJsonLog } from './infra/log';
import { startPostgres } from './infra/postgres';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, temp: { type: 'boolean', default: false }, port: { type: 'string' } },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`--port must be a TCP port number, got '${values.port}'`);
  }
  const dataDir = values.temp ? undefined : (values['data-dir'] ?? path.resolve(__dirname, '..', '.data', 'postgres'));

  const postgres = await startPostgres({ dataDir, port });
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'PostgreSQL running; Ctrl-C stops it', component: 'postgres', url: postgres.url, dataDir: postgres.dataDir })}\n`,
  );

  let stopping = false;
  const shutdown = (): void => {
    // A second Ctrl-C means "now": exiting lets the exit hook signal the server without waiting for it.
    if (stopping) process.exit(130);
    stopping = true;
    postgres.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        stderrJsonLog({ level: 'error', msg: 'stopping PostgreSQL failed', component: 'postgres', error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  stderrJsonLog({ level: 'error', msg: err instanceof Error ? err.message : String(err), component: 'postgres' });
  process.exit(1);
});
