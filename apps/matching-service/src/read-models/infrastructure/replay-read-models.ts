import { CONTRACTS, physicalTopic, Topics } from '@jobbspar/contracts';
import { createHash, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { serviceDataSourceOptions } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../config/env';
import { ENTITIES } from '../../database/entities';
import { MIGRATIONS } from '../../database/migrations';
import { ReadModelProjector } from './read-model.projector';
import { READ_MODEL_TABLES, ReadModelRepository } from './read-model.repository';

/** The streams the read models are built from. */
export const READ_MODEL_TOPICS = [Topics.needs, Topics.candidates] as const;

export interface ReplayOptions {
  databaseUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  /** Schema holding the live read models (default `matching`). */
  liveSchema?: string;
  /** Keep the scratch schema afterwards, for a closer look. */
  keepScratch?: boolean;
  progress?: (line: string) => void;
}

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  liveHash: string;
  rebuiltHash: string;
  /** Rows in the live table that the rebuild lacks, and rows the rebuild has that live lacks. */
  onlyLive: number;
  onlyRebuilt: number;
}

export interface ReplayReport {
  equal: boolean;
  liveHash: string;
  rebuiltHash: string;
  events: { read: number; applied: number; unreadable: number };
  tables: TableComparison[];
  scratchSchema: string;
}

/**
 * Rebuilds the read models from the topics, from the beginning, into a scratch schema made by the service's own
 * migrations, with the very projection the consumers use, reading until every partition reaches the high watermark it had when the replay began, then
 * compares the rebuilt tables with the live ones: a hash per table and a row diff either way. Proposals and
 * placements are matching's own decisions, not projections, and are not rebuilt.
 */
export async function replayReadModels(options: ReplayOptions): Promise<ReplayReport> {
  const say = options.progress ?? (() => undefined);
  const live = options.liveSchema ?? SCHEMA;
  const scratch = `${live}_replay_${Date.now().toString(36)}`;
  const db = new DataSource(
    serviceDataSourceOptions({ url: options.databaseUrl, schema: scratch, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 2 }),
  );
  await db.initialize();
  const kafka = new Kafka({ clientId: 'matching-replay', brokers: options.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${options.topicPrefix}matching-replay-${randomUUID()}`;
  try {
    await db.query(`CREATE SCHEMA "${scratch}"`);
    await db.runMigrations({ transaction: 'each' });

    const topics = READ_MODEL_TOPICS.map((t) => physicalTopic(options.topicPrefix, t));
    const existing = new Set(await admin.listTopics());
    const targets = new Map<string, bigint>();
    let total = 0n;
    for (const topic of topics.filter((t) => existing.has(t))) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const high = BigInt(p.high);
        const low = BigInt(p.low);
        if (high > low) {
          targets.set(`${topic}:${p.partition}`, high);
          total += high - low;
        }
      }
    }
    say(`replaying ${total} messages from ${topics.join(', ')} into ${scratch}`);

    const projector = new ReadModelProjector(new ReadModelRepository(scratch));
    const events = { read: 0, applied: 0, unreadable: 0 };
    if (targets.size > 0) {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topics: topics.filter((t) => existing.has(t)), fromBeginning: true });
      let lastReport = Date.now();
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const slot = `${topic}:${partition}`;
              const target = targets.get(slot);
              if (target === undefined || BigInt(message.offset) >= target) return;
              events.read++;
              try {
                const decoded = CONTRACTS.decode(message.value, topic.slice(options.topicPrefix.length));
                await db.transaction((em) => projector.apply(em, decoded.contract, decoded.payload));
                events.applied++;
              } catch (error) {
                // The live consumer dead-letters what it cannot read; the rebuild skips the same messages.
                if ((error as Error).name === 'ContractViolation') events.unreadable++;
                else throw error;
              }
              if (BigInt(message.offset) + 1n >= target) targets.delete(slot);
              if (Date.now() - lastReport > 1000 || targets.size === 0) {
                lastReport = Date.now();
                say(`  ${events.read}/${total} messages`);
              }
              if (targets.size === 0) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
    }

    const tables: TableComparison[] = [];
    for (const table of READ_MODEL_TABLES) tables.push(await compare(db, live, scratch, table));
    const liveHash = combine(tables.map((t) => t.liveHash));
    const rebuiltHash = combine(tables.map((t) => t.rebuiltHash));
    const equal = tables.every((t) => t.liveHash === t.rebuiltHash && t.onlyLive === 0 && t.onlyRebuilt === 0);
    return { equal, liveHash, rebuiltHash, events, tables, scratchSchema: scratch };
  } finally {
    if (!options.keepScratch) await db.query(`DROP SCHEMA IF EXISTS "${scratch}" CASCADE`).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    await db.destroy();
  }
}

async function compare(db: DataSource, live: string, scratch: string, table: string): Promise<TableComparison> {
  const hash = async (schema: string): Promise<{ n: number; h: string }> => {
    const [r] = await db.query(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${schema}".${table} t`,
    );
    return { n: Number(r.n), h: r.h };
  };
  const diff = async (a: string, b: string): Promise<number> => {
    const [r] = await db.query(`SELECT count(*) AS n FROM (SELECT * FROM "${a}".${table} EXCEPT ALL SELECT * FROM "${b}".${table}) d`);
    return Number(r.n);
  };
  const [l, s] = [await hash(live), await hash(scratch)];
  return {
    table,
    liveRows: l.n,
    rebuiltRows: s.n,
    liveHash: l.h,
    rebuiltHash: s.h,
    onlyLive: await diff(live, scratch),
    onlyRebuilt: await diff(scratch, live),
  };
}

function combine(hashes: string[]): string {
  return createHash('sha256').update(hashes.join(':')).digest('hex');
}
