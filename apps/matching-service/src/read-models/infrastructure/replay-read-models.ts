import { CONTRACTS, ContractViolation, physicalTopic, Topics } from '@jobbspar/contracts';
import { classifyError } from '@jobbspar/messaging';
import { describeErrorSafely, serviceDataSourceOptions } from '@jobbspar/platform';
import { createHash, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';
import { ENTITIES } from '../../database/entities';
import { MIGRATIONS } from '../../database/migrations';
import { ReadModelProjector } from './read-model.projector';
import { PostgresReadModelRepository, READ_MODEL_TABLES } from './postgres-read-model.repository';

/** The streams the read models are built from. */
export const READ_MODEL_TOPICS = [Topics.employers, Topics.needs, Topics.candidates] as const;

export interface ReplayOptions {
  databaseUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  /** Schema holding the live read models (default `matching`). */
  liveSchema?: string;
  /** Keep the scratch schema afterwards, for a closer look. */
  keepScratch?: boolean;
  progress?: (line: string) => void;
  /** Aborting (Ctrl-C) stops the replay between messages; the scratch schema is dropped all the same. */
  signal?: AbortSignal;
  /** Attempts for an event whose failure is neither clearly permanent nor an outage (as the live consumer). */
  maxUnknownAttempts?: number;
  /** How long an outage (database down) is retried before the replay gives up. */
  outageBudgetMs?: number;
}

/** An event the live consumer dead-lettered too: readable, but its effect fails permanently. */
export interface RejectedEvent {
  topic: string;
  partition: number;
  offset: string;
  type: string;
  eventId: string;
  reason: string;
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
  /** unreadable: failed decoding; rejected: decoded but failed permanently when applied (see `rejected`). */
  events: { read: number; applied: number; unreadable: number; rejected: number };
  rejected: RejectedEvent[];
  tables: TableComparison[];
  scratchSchema: string;
  /** Scratch schemas of earlier replays that were killed before they could clean up, dropped by this one. */
  staleSchemasDropped: string[];
}

/** Scratch schemas are named `<live>_replay_<base36 time>`; each live replay holds an advisory lock on its own. */
const scratchLock = (schema: string): string => `SELECT pg_try_advisory_lock(hashtext('jobbspar.replay'), hashtext('${schema}')) AS locked`;

/**
 * Rebuilds the read models from the topics, from the beginning, into a scratch schema made by the service's own
 * migrations, with the very projection the consumers use, reading until every partition reaches the high watermark it had when the replay began, then
 * compares the rebuilt tables with the live ones: a hash per table and a row diff either way. Proposals and
 * placements are matching's own decisions, not projections, and are not rebuilt.
 */
export async function replayReadModels(options: ReplayOptions): Promise<ReplayReport> {
  const say = options.progress ?? (() => undefined);
  const live = options.liveSchema ?? SCHEMA;
  const scratch = `${live}_replay_${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const db = new DataSource(
    serviceDataSourceOptions({ url: options.databaseUrl, schema: scratch, entities: ENTITIES, migrations: MIGRATIONS, poolSize: 3 }),
  );
  await db.initialize();
  // One session holds this replay's lock for as long as it runs: a replay killed with SIGKILL leaves its schema,
  // but not its lock, so the next replay can tell an abandoned scratch schema from one in use and drop it.
  const session = db.createQueryRunner();
  await session.connect();
  const kafka = new Kafka({ clientId: 'matching-replay', brokers: options.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const groupId = `${options.topicPrefix}matching-replay-${randomUUID()}`;
  let created = false;
  try {
    await lock(session, scratch);
    const staleSchemasDropped = await dropAbandonedScratch(session, live, scratch);
    if (staleSchemasDropped.length)
      say(`dropped ${staleSchemasDropped.length} scratch schema(s) left by killed replays: ${staleSchemasDropped.join(', ')}`);
    await admin.connect();
    await db.query(`CREATE SCHEMA "${scratch}"`);
    created = true;
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

    const projector = new ReadModelProjector(new PostgresReadModelRepository(scratch));
    const events = { read: 0, applied: 0, unreadable: 0, rejected: 0 };
    const rejected: RejectedEvent[] = [];
    const maxUnknown = options.maxUnknownAttempts ?? 5;
    const outageBudgetMs = options.outageBudgetMs ?? 60_000;
    if (targets.size > 0) {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: topics.filter((t) => existing.has(t)), fromBeginning: true });
        let lastReport = Date.now();
        await new Promise<void>((resolve, reject) => {
          // Nothing is thrown into kafkajs: it would retry the message forever. A failure ends the replay here.
          let done = false;
          const finish = (error?: unknown): void => {
            if (done) return;
            done = true;
            options.signal?.removeEventListener('abort', onAbort);
            if (error === undefined) resolve();
            else reject(error instanceof Error ? error : new Error(String(error)));
          };
          const onAbort = (): void => finish(new ReplayAborted('replay aborted'));
          if (options.signal?.aborted) return onAbort();
          options.signal?.addEventListener('abort', onAbort);
          consumer
            .run({
              autoCommit: false,
              eachMessage: async ({ topic, partition, message }) => {
                if (done) return;
                const slot = `${topic}:${partition}`;
                const target = targets.get(slot);
                if (target === undefined || BigInt(message.offset) >= target) return;
                events.read++;
                let decoded;
                try {
                  decoded = CONTRACTS.decode(message.value, topic.slice(options.topicPrefix.length), message.key?.toString('utf8'));
                } catch (error) {
                  // The live consumer dead-letters what it cannot read; the rebuild skips the same messages.
                  if (!(error instanceof ContractViolation)) return finish(error);
                  events.unreadable++;
                }
                if (decoded) {
                  const outageSince = Date.now();
                  for (let attempt = 1; ; attempt++) {
                    try {
                      await db.transaction((em) => projector.apply(em, decoded.contract, decoded.payload));
                      events.applied++;
                      break;
                    } catch (error) {
                      // The live consumer's rule (EventPipeline): permanent, or unknown a few times, is dead-lettered there;
                      // here it is reported and skipped, so the rebuild ends where the live state did.
                      const kind = classifyError(error);
                      if (kind === 'permanent' || (kind === 'unknown' && attempt >= maxUnknown)) {
                        events.rejected++;
                        const reason = describeErrorSafely(error);
                        rejected.push({
                          topic,
                          partition,
                          offset: message.offset,
                          type: decoded.envelope.type,
                          eventId: decoded.envelope.eventId,
                          reason,
                        });
                        say(
                          `  skipped ${decoded.envelope.type} ${decoded.envelope.eventId} at ${slot}:${message.offset} (dead-lettered live too): ${reason}`,
                        );
                        break;
                      }
                      if (kind === 'outage' && Date.now() - outageSince > outageBudgetMs) return finish(error);
                      if (done) return;
                      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** (attempt - 1))));
                    }
                  }
                }
                if (BigInt(message.offset) + 1n >= target) targets.delete(slot);
                if (Date.now() - lastReport > 1000 || targets.size === 0) {
                  lastReport = Date.now();
                  say(`  ${events.read}/${total} messages`);
                }
                if (targets.size === 0) finish();
              },
            })
            .catch(finish);
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    }

    const tables: TableComparison[] = [];
    for (const table of READ_MODEL_TABLES) tables.push(await compare(db, live, scratch, table));
    const liveHash = combine(tables.map((t) => t.liveHash));
    const rebuiltHash = combine(tables.map((t) => t.rebuiltHash));
    const equal = tables.every((t) => t.liveHash === t.rebuiltHash && t.onlyLive === 0 && t.onlyRebuilt === 0);
    return { equal, liveHash, rebuiltHash, events, rejected, tables, scratchSchema: scratch, staleSchemasDropped };
  } finally {
    if (created && !options.keepScratch) await db.query(`DROP SCHEMA IF EXISTS "${scratch}" CASCADE`).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await session.release().catch(() => undefined);
    await db.destroy();
  }
}

/** Raised when the replay is aborted (Ctrl-C); the scratch schema is gone by the time it reaches the caller. */
export class ReplayAborted extends Error {
  override readonly name = 'ReplayAborted';
}

async function lock(session: QueryRunner, schema: string): Promise<void> {
  const [{ locked }] = await session.query(scratchLock(schema));
  if (!locked) throw new Error(`scratch schema ${schema} is locked by another replay`);
}

/** Drops every scratch schema of this live schema whose replay is gone: nobody holds its lock. */
async function dropAbandonedScratch(session: QueryRunner, live: string, own: string): Promise<string[]> {
  const rows: { name: string }[] = await session.query(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1 AND nspname <> $2 ORDER BY nspname`,
    [`${live.replace(/_/g, '\\_')}\\_replay\\_%`, own],
  );
  const dropped: string[] = [];
  for (const { name } of rows) {
    if (!/^[a-z0-9_]+$/.test(name)) continue;
    const [{ locked }] = await session.query(scratchLock(name));
    if (!locked) continue;
    try {
      await session.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      dropped.push(name);
    } finally {
      await session.query(`SELECT pg_advisory_unlock(hashtext('jobbspar.replay'), hashtext('${name}'))`);
    }
  }
  return dropped;
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
