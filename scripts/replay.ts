import 'reflect-metadata';
import { EnvReader } from '@jobbspar/platform';
import { replayReadModels } from '../apps/matching-service/src/replay/replay-read-models';

/**
 * `npm run replay`: rebuilds matching-service's read models from Kafka into a scratch schema and proves the rebuilt
 * state equals the live one. Needs DATABASE_URL, KAFKA_BROKERS and TOPIC_PREFIX (default `jobbspar.`); exits 1 if
 * the states differ.
 */
async function main(): Promise<void> {
  const env = new EnvReader();
  const databaseUrl = env.postgresUrl('DATABASE_URL');
  const brokers = env.brokers('KAFKA_BROKERS');
  if (!databaseUrl || !brokers) {
    process.stderr.write('replay needs DATABASE_URL and KAFKA_BROKERS (the read models are rebuilt from Kafka topics)\n');
    process.exit(2);
  }
  const report = await replayReadModels({
    databaseUrl,
    kafkaBrokers: brokers,
    topicPrefix: env.string('TOPIC_PREFIX', 'jobbspar.'),
    keepScratch: env.bool('REPLAY_KEEP_SCRATCH', false),
    progress: (line) => process.stderr.write(`${line}\n`),
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
  console.log(`events read ${report.events.read}, applied ${report.events.applied}, unreadable ${report.events.unreadable}`);
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
  process.stderr.write(`replay failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
