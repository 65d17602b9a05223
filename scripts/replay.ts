import 'reflect-metadata';
import { EnvReader } from '@jobbspar/platform';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ReplayAborted, replayReadModels } from '../apps/matching-service/src/read-models/infrastructure/replay-read-models';
import { repoRoot } from '@jobbspar/infra';

/**
 * `npm run replay`: rebuilds matching-service's read models from Kafka into a scratch schema and proves the rebuilt
 * state equals the live one. Needs DATABASE_URL, KAFKA_BROKERS and TOPIC_PREFIX (default `jobbspar.`); exits 1 if
 * the states differ.
 */
async function main(): Promise<void> {
  // Without DATABASE_URL / KAFKA_BROKERS, replay the stack that `npm run stack` is running (it writes .data/stack.env).
  const stackEnv = path.join(repoRoot(), '.data', 'stack.env');
  const fromStack = existsSync(stackEnv)
    ? Object.fromEntries(
        readFileSync(stackEnv, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      )
    : {};
  const env = new EnvReader({ ...fromStack, ...process.env });
  const databaseUrl = env.postgresUrl('DATABASE_URL');
  const brokers = env.brokers('KAFKA_BROKERS');
  if (!databaseUrl || !brokers) {
    process.stderr.write(
      'replay needs DATABASE_URL and KAFKA_BROKERS (the read models are rebuilt from Kafka topics): set them, or start `npm run stack`\n',
    );
    process.exit(2);
  }
  // Ctrl-C stops the replay between two messages; its scratch schema is dropped before the process exits.
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort());
  const report = await replayReadModels({
    databaseUrl,
    kafkaBrokers: brokers,
    topicPrefix: env.string('TOPIC_PREFIX', 'jobbspar.'),
    keepScratch: env.bool('REPLAY_KEEP_SCRATCH', false),
    progress: (line) => process.stderr.write(`${line}\n`),
    signal: abort.signal,
  });
  const rows = report.tables.map((t) => ({
    table: t.table,
    live: t.liveRows,
    rebuilt: t.rebuiltRows,
    onlyLive: t.onlyLive,
    onlyRebuilt: t.onlyRebuilt,
    same: t.liveHash === t.rebuiltHash ? 'yes' : 'NO',
  }));
  console.table(rows);
  const { read, applied, unreadable, rejected } = report.events;
  console.log(`events read ${read}, applied ${applied}, unreadable ${unreadable}, rejected ${rejected} (dead-lettered live too)`);
  console.log(`live hash    ${report.liveHash}`);
  console.log(`rebuilt hash ${report.rebuiltHash}`);
  console.log(
    report.equal
      ? 'IDENTICAL: the rebuilt read models equal the live ones'
      : 'DIFFERENT: the rebuilt read models differ from the live ones',
  );
  process.exit(report.equal ? 0 : 1);
}

main().catch((error: unknown) => {
  if (error instanceof ReplayAborted) {
    process.stderr.write('replay aborted; its scratch schema was dropped\n');
    process.exit(130);
  }
  process.stderr.write(`replay failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
