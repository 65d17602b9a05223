/**
 * What the shared rate-limit counts cost a request (libs/platform http/rate-limit-store.ts): one increment of a
 * caller's count in the service's database (rate-limiter-flexible's upsert, as the service, in a transaction of its
 * own on the guarded DataSource), against the same increment in the process's memory (@nestjs/throttler's own
 * ThrottlerStorageService, what every process counted with before), alternating in every round, 200 callers.
 *
 *   npm run bench -- rate-limit            (BENCH_REQUESTS=5000 for more)
 */
import 'reflect-metadata';
import { componentLogger, startPostgres } from '@jobbspar/infra';
import { JsonLogger, openServiceDatabase, PostgresRateLimitStore } from '@jobbspar/platform';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../apps/employer-service/src/config/env';
import { ENTITIES } from '../apps/employer-service/src/database/entities';
import { MIGRATIONS } from '../apps/employer-service/src/database/migrations';
import { table } from './bench-util';
import { timeMs } from './support/owner-vs-service';
import { median, percentile, round } from './support/stats';

const log = componentLogger('rate-limit-bench');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CALLERS = 200;
// Longer than the bench runs: every increment lands in one window (the count is checked at the end).
const WINDOW_MS = 600_000;
// High enough that no caller is refused: the cost of counting, not of refusing.
const LIMIT = 1_000_000;

async function main(): Promise<void> {
  JsonLogger.threshold = 'warn';
  const pg = await startPostgres();
  let service: DataSource | undefined;
  const memory = new ThrottlerStorageService();
  try {
    service = await openServiceDatabase({
      url: pg.url,
      schema: SCHEMA,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      rowLevelSecurity: { service: SERVICE_NAME },
    });
    const shared = new PostgresRateLimitStore(service, SCHEMA, SERVICE_NAME);
    const caller = (i: number) => `subject:u-bench-${i % CALLERS}`;
    const stores = {
      'in memory (per process, before)': (i: number) => memory.increment(caller(i), WINDOW_MS, LIMIT, 0, 'default'),
      'in the database (shared, now)': (i: number) => shared.increment(caller(i), WINDOW_MS, LIMIT, 0, 'default'),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(stores).map((k) => [k, []]));
    for (let i = 0; i < 200; i++) for (const increment of Object.values(stores)) await increment(i);
    const entries = Object.entries(stores);
    for (let i = 0; i < REQUESTS; i++) {
      for (const [name, increment] of i % 2 === 0 ? entries : [...entries].reverse()) samples[name].push(await timeMs(() => increment(i)));
      if ((i + 1) % 500 === 0) log.info('progress', { rounds: i + 1, of: REQUESTS });
    }
    // Counted exactly: every increment of the warm-up and the rounds, spread over the callers.
    const counted = await shared.increment(caller(0), WINDOW_MS, LIMIT, 0, 'default');
    const expected = Math.ceil((200 + REQUESTS) / CALLERS) + 1;
    if (counted.totalHits !== expected) throw new Error(`the shared store counted ${counted.totalHits}, not ${expected}`);
    const [before, now] = Object.keys(stores);
    const rows = [['store', 'median ms', 'p95 ms']];
    for (const name of Object.keys(stores))
      rows.push([name, String(round(median(samples[name]), 3)), String(round(percentile(samples[name], 95), 3))]);
    process.stdout.write(table(rows) + '\n');
    const summary = {
      requests: REQUESTS,
      callers: CALLERS,
      memoryMedianMs: round(median(samples[before]), 3),
      databaseMedianMs: round(median(samples[now]), 3),
      costMs: round(median(samples[now]) - median(samples[before]), 3),
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
  } finally {
    memory.onApplicationShutdown();
    await service?.destroy();
    await pg.stop();
  }
}

void main().catch((error: unknown) => {
  log.error('rate-limit bench failed', { error: (error as Error).message });
  process.exit(1);
});
