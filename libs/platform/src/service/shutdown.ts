import type { INestApplication } from '@nestjs/common';
import { JsonLogger } from '../logging/json-logger';
import { stopTracing } from '../observability/tracing';

/**
 * Ctrl-C or SIGTERM: closes the app (its consumer leaves the group, the relay stops, the database pool ends) and
 * exits 0, with one info line. Nest's own shutdown hooks re-raise the signal after closing, so the process ended
 * "killed by SIGINT", which supervisors and shells report as a failure. A second signal exits at once. The spans
 * still waiting for their batch (the last request's) are sent before the exit, after the app has closed.
 */
export function closeOnSignals(app: INestApplication, service: string): void {
  const logger = new JsonLogger(service);
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(130);
    closing = true;
    logger.info('stopping', { signal });
    app.close().then(
      async () => {
        await stopTracing();
        logger.info('stopped');
        process.exit(0);
      },
      async (error: unknown) => {
        logger.write('error', 'stop failed', { error: error as Error });
        await stopTracing();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
