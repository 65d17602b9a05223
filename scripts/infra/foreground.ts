import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot, stderrJsonLog } from '../../libs/infra/src';

export interface ForegroundServer {
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Runs one development server in the foreground until Ctrl-C: parses `[--data-dir DIR | --temp] [--port N]`,
 * prints exactly one JSON line on stdout once it is ready (for scripts to read), and stops it cleanly; a second
 * Ctrl-C exits at once, leaving the process guard to signal the server.
 */
export function runInForeground<S extends ForegroundServer>(
  component: string,
  start: (opts: { dataDir?: string; port?: number }) => Promise<S>,
  ready: (server: S) => Record<string, unknown>,
): void {
  const main = async (): Promise<void> => {
    const { values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, temp: { type: 'boolean', default: false }, port: { type: 'string' } },
    });
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new Error(`--port must be a TCP port number, got '${values.port}'`);
    }
    const dataDir = values.temp ? undefined : (values['data-dir'] ?? path.join(repoRoot(), '.data', component));
    const server = await start({ dataDir, port });
    process.stdout.write(`${JSON.stringify({ level: 'info', component, ...ready(server), dataDir: server.dataDir })}\n`);

    let stopping = false;
    const shutdown = (): void => {
      if (stopping) process.exit(130);
      stopping = true;
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          stderrJsonLog({ level: 'error', msg: `stopping ${component} failed`, component, error: String(err) });
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  };
  main().catch((err: unknown) => {
    stderrJsonLog({ level: 'error', msg: err instanceof Error ? err.message : String(err), component });
    process.exit(1);
  });
}
