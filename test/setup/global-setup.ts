import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startKafka } from '../../scripts/infra/kafka';
// A relative path: jest loads global setups without its moduleNameMapper, so @jobbspar/* does not resolve here.
import { startPostgres } from '../../libs/infra/src';
import { ensureChromium } from '../../scripts/infra/browser';
import { ensureWebBuild } from '../../scripts/infra/web-build';

/**
 * Starts one real PostgreSQL server and one real Kafka broker for the whole run (unless DATABASE_URL or
 * KAFKA_BROKERS point at existing ones), compiles dist/ (half a second) for the suites that run entry points as
 * processes, and readies the browser suites' two inputs: the web app's build (rebuilt
 * only if a source changed) and Debian's Chromium (installed once per machine if missing). Suites isolate themselves with their own databases, topic prefixes and
 * consumer groups (test/support/harness.ts), so they can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const started: Array<() => Promise<void>> = [];
  const log = (entry: Record<string, unknown>): void => {
    if (entry.level === 'error' || entry.level === 'warn' || process.env.TEST_INFRA_VERBOSE)
      process.stderr.write(JSON.stringify(entry) + '\n');
  };
  const progress = (entry: Record<string, unknown>): void => void process.stderr.write(JSON.stringify(entry) + '\n');
  const [pg, kafka, , chromium] = await Promise.all([
    process.env.DATABASE_URL ? undefined : startPostgres({ log }),
    process.env.KAFKA_BROKERS ? undefined : startKafka({ log }),
    ensureWebBuild({ log: progress }),
    ensureChromium({ log: progress }),
  ]);
  process.env.TEST_CHROMIUM_PATH = chromium;
  if (pg) started.push(pg.stop);
  if (kafka) started.push(kafka.stop);
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? pg!.url;
  process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? kafka!.brokers;
  (globalThis as { __jobbsparInfra?: Array<() => Promise<void>> }).__jobbsparInfra = started;
}
