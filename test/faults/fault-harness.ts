import { INestApplication } from '@nestjs/common';
import { createEnvelope, EmployerRegisteredV1 } from '@jobbspar/contracts';
import { EVENT_TRANSPORT, EventTransport } from '@jobbspar/messaging';
import { freePort } from '@jobbspar/infra';
import { DEFAULT_ABUSE_LIMITS, ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startFixtureApp } from '../backbone/backbone-fixture';
import { as, testAuthConfig } from '../support/auth';
import { testInfra, uniqueName } from '../support/infra';
import { RunningProcess, runBuilt, runTypeScript } from '../support/processes';

/**
 * The fault suite's shared parts. Every scenario runs in `npm test` at a small size (the fast cases) and in
 * `npm run faults` at full size (JOBBSPAR_FAULTS=full, set by the faults project), and reports one figure line:
 * what was sent, applied, lost, redelivered and applied twice, and how long it took.
 */
export const FULL = process.env.JOBBSPAR_FAULTS === 'full';
export const scale = <T>(fast: T, full: T): T => (FULL ? full : fast);
// At full size a scenario takes minutes, more on a loaded machine: past the integration tests' 120 s default.
if (FULL) jest.setTimeout(600_000);

export interface Figures {
  sent: number;
  applied: number;
  lost: number;
  redelivered?: number;
  appliedTwice: number;
  seconds: number;
  [extra: string]: number | string | undefined;
}

/** Prints the scenario's figure line and, under `npm run faults`, adds it to the table printed at the end. */
export function reportFigures(scenario: string, figures: Figures): void {
  const parts = Object.entries(figures)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  process.stdout.write(`FAULT ${scenario}: ${parts.join(' ')}\n`);
  const results = process.env.JOBBSPAR_FAULT_RESULTS;
  if (results) {
    mkdirSync(path.dirname(results), { recursive: true });
    appendFileSync(results, `${JSON.stringify({ scenario, ...figures })}\n`);
  }
}

/** One event of a run as the fixture consumer applies it: its name carries the run's tag and its sequence number. */
export function thingEvent(tag: string, key: string, seq: number): { key: string; value: string } {
  const envelope = createEnvelope(
    EmployerRegisteredV1,
    {
      employerId: key,
      organisationNumber: '556036-0793',
      name: `${tag}-${seq}`,
      sector: 'private',
      municipalityCode: '1283',
      isMunicipality: false,
    },
    { producer: 'employer-service', tenant: 'se-12', aggregateId: key, aggregateVersion: seq, actor: 'test:faults' },
  );
  return { key, value: JSON.stringify(envelope) };
}

/** What the fixture consumer applied for one run: every row it inserted, and how many distinct events they were. */
export async function appliedStats(db: DataSource, tag: string): Promise<{ rows: number; distinct: number }> {
  const [row] = await db.query(
    `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM bb_consumer.received WHERE name LIKE $1`,
    [`${tag}-%`],
  );
  return { rows: row.rows, distinct: row.distinct };
}

/** Sequence numbers each key's events were applied in (names are `<tag>-<seq>`), to check order per key. */
export async function appliedOrder(db: DataSource, tag: string): Promise<Map<string, number[]>> {
  const rows: { aggregate_id: string; name: string }[] = await db.query(
    `SELECT aggregate_id, name FROM bb_consumer.received WHERE name LIKE $1 ORDER BY id`,
    [`${tag}-%`],
  );
  const order = new Map<string, number[]>();
  for (const r of rows) order.set(r.aggregate_id, [...(order.get(r.aggregate_id) ?? []), Number(r.name.slice(tag.length + 1))]);
  return order;
}

/** The consumer's delivery log (one line per attempt, kept across kills): how many deliveries were repeats. */
export function deliveryLog(file: string): { total: number; distinct: number; redelivered: number; times: number[] } {
  if (!existsSync(file)) return { total: 0, distinct: 0, redelivered: 0, times: [] };
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const distinct = new Set(lines.map((l) => l.slice(l.indexOf(' ') + 1))).size;
  return {
    total: lines.length,
    distinct,
    redelivered: lines.length - distinct,
    times: lines.map((l) => Number(l.slice(0, l.indexOf(' ')))),
  };
}

/** The backbone fixture as a process of its own. */
export async function startFixtureProcess(
  role: 'producer' | 'consumer',
  config: ServiceConfig,
  extra: Record<string, string> = {},
): Promise<RunningProcess> {
  const fixture = runTypeScript('test/faults/fixture-process.ts', {
    ROLE: role,
    DATABASE_URL: config.databaseUrl,
    KAFKA_BROKERS: (config.kafkaBrokers ?? []).join(','),
    TOPIC_PREFIX: config.topicPrefix,
    PORT: String(config.port),
    // The run's OpenID provider: the fixture's route checks tokens like every service's.
    TEST_OIDC_ISSUER: config.auth.issuer,
    ...extra,
  });
  await fixture.waitForLine(/"msg":"fixture ready"/, 120_000);
  return fixture;
}

export async function stopProcess(fixture: RunningProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!fixture || fixture.child.exitCode !== null || fixture.child.signalCode !== null) return;
  fixture.child.kill(signal);
  await fixture.exited(30_000).catch(() => {
    fixture.child.kill('SIGKILL');
  });
}

/** A progress line on stderr: the full runs take minutes. */
export function progress(scenario: string, msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), component: 'faults', scenario, msg, ...fields })}\n`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Counts the deliveries of an in-process fixture app (its transport wrapped before it subscribes): the repeats. */
export function countDeliveries(app: INestApplication): { total: number; distinct: () => number } {
  const seen = new Set<string>();
  const counter = { total: 0, distinct: () => seen.size };
  const transport = app.get<EventTransport>(EVENT_TRANSPORT);
  const subscribe = transport.subscribe.bind(transport);
  transport.subscribe = (group, topics, handle) =>
    subscribe(group, topics, async (batch) => {
      counter.total += batch.length;
      for (const m of batch) seen.add(`${m.topic}:${m.partition}:${m.offset}`);
      await handle(batch);
    });
  return counter;
}

export interface EventLevelStats {
  /** Events the producer committed (its outbox rows of the run). */
  sent: number;
  /** Distinct events of those the consumer applied. */
  applied: number;
  lost: number;
  appliedTwice: number;
  /** Keys whose events the consumer applied in another order than the producer committed them. */
  outOfOrderKeys: number;
}

/**
 * What the producer committed against what the consumer applied, by event id: exact whatever a client retried (a
 * write retried after a lost response is a second event, committed and applied once like any other).
 */
export async function eventLevelStats(databaseUrl: string, tag: string): Promise<EventLevelStats> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const sent: { event_id: string; key: string }[] = (
      await client.query(
        `SELECT envelope->>'eventId' AS event_id, message_key AS key FROM bb_producer.outbox
          WHERE envelope->'payload'->>'name' LIKE $1 ORDER BY id`,
        [`${tag}-%`],
      )
    ).rows;
    const received: { event_id: string; key: string }[] = (
      await client.query(`SELECT event_id::text, aggregate_id AS key FROM bb_consumer.received WHERE name LIKE $1 ORDER BY id`, [
        `${tag}-%`,
      ])
    ).rows;
    const sentIds = new Set(sent.map((r) => r.event_id));
    const appliedIds = new Set(received.map((r) => r.event_id).filter((id) => sentIds.has(id)));
    const byKey = (rows: { event_id: string; key: string }[]): Map<string, string[]> => {
      const m = new Map<string, string[]>();
      for (const r of rows) m.set(r.key, [...(m.get(r.key) ?? []), r.event_id]);
      return m;
    };
    const applied = byKey(received);
    let outOfOrderKeys = 0;
    for (const [key, ids] of byKey(sent)) if ((applied.get(key) ?? []).join() !== ids.join()) outOfOrderKeys++;
    return {
      sent: sent.length,
      applied: appliedIds.size,
      lost: sent.length - appliedIds.size,
      appliedTwice: received.length - new Set(received.map((r) => r.event_id)).size,
      outOfOrderKeys,
    };
  } finally {
    await client.end();
  }
}

/**
 * A keyed stream of writes through the producer's HTTP route: round after round, one write per key (the keys of a
 * round at once). A write that is refused (503 while the database is down) or gets no answer is retried until it
 * is committed; every answer that is neither 201 nor 503 is counted as an error.
 */
export class KeyedWriter {
  committed = 0;
  refused = 0;
  errors = 0;
  round = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly tag: string,
    private readonly keys: string[],
    private readonly headers: Record<string, string>,
  ) {}

  async run(rounds: number, pauseMs: number): Promise<void> {
    for (this.round = 1; this.round <= rounds && !this.stopped; this.round++) {
      await Promise.all(this.keys.map((key) => this.write(key, this.round)));
      await sleep(pauseMs);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async write(key: string, seq: number): Promise<void> {
    const body = JSON.stringify({ name: `${this.tag}-${seq}`, aggregateId: key, seq });
    for (;;) {
      const status = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', ...this.headers }, body }).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => 0,
      );
      if (status === 201) {
        this.committed++;
        return;
      }
      if (status === 503 || status === 0) this.refused++;
      else this.errors++;
      await sleep(100);
    }
  }
}

/**
 * A scenario's service config for the backbone fixture: its own topic prefix and consumer groups (`name`), a free
 * port, the run's provider, and no per-client rate limit (the scenario's one client writes and retries faster than
 * any user may: what is measured is the backbone).
 */
export async function scenarioConfig(name: string, infra: { databaseUrl: string; kafkaBrokers: string[] }): Promise<ServiceConfig> {
  const prefix = `${uniqueName(name)}.`;
  return {
    databaseUrl: infra.databaseUrl,
    kafkaBrokers: infra.kafkaBrokers,
    topicPrefix: prefix,
    groupPrefix: prefix,
    port: await freePort(),
    auth: testAuthConfig(),
    limits: { ...DEFAULT_ABUSE_LIMITS, rate: undefined },
  };
}

/** The producer (listening on the config's port) and the consumer of a scenario, in this process. */
export interface BackbonePair {
  producer: INestApplication;
  consumer: INestApplication;
  /** The consumer's deliveries, repeats included. */
  deliveries: { total: number; distinct: () => number };
  /** A keyed writer of `keys` new keys against the producer, tagged `tag`. */
  writer(tag: string, keys: number): KeyedWriter;
  close(): Promise<void>;
}

export async function startBackbonePair(config: ServiceConfig, options: { kafkaRequestTimeoutMs?: number } = {}): Promise<BackbonePair> {
  const producer = await startFixtureApp(config, 'producer', { kafkaRequestTimeoutMs: options.kafkaRequestTimeoutMs });
  await producer.listen(config.port, '127.0.0.1');
  let deliveries: BackbonePair['deliveries'] | undefined;
  const consumer = await startFixtureApp(config, 'consumer', {
    beforeConnect: (app) => (deliveries = countDeliveries(app)),
    kafkaRequestTimeoutMs: options.kafkaRequestTimeoutMs,
  });
  return {
    producer,
    consumer,
    deliveries: deliveries!,
    writer: (tag, keys) =>
      new KeyedWriter(
        `http://127.0.0.1:${config.port}/things`,
        tag,
        Array.from({ length: keys }, () => randomUUID()),
        as('admin.skane'),
      ),
    close: async () => {
      await consumer.close();
      await producer.close();
    },
  };
}

/**
 * A service's compiled entry point (`apps/<service>/src/main.ts`) as a process of its own, on a scenario's database,
 * the run's broker and a topic/group prefix of its own, once it listens; `url` is where it does.
 */
export async function startServiceProcess(
  source: string,
  scenario: { databaseUrl: string; prefix: string },
): Promise<RunningProcess & { url: string }> {
  const port = await freePort();
  const service = runBuilt(source, {
    DATABASE_URL: scenario.databaseUrl,
    KAFKA_BROKERS: testInfra().brokers.join(','),
    TOPIC_PREFIX: scenario.prefix,
    CONSUMER_GROUP_PREFIX: scenario.prefix,
    PORT: String(port),
    OIDC_ISSUER: testAuthConfig().issuer,
  });
  try {
    await service.waitForLine(/"msg":"listening"/, 120_000);
  } catch (error) {
    service.child.kill('SIGKILL');
    throw error;
  }
  return { ...service, url: `http://127.0.0.1:${port}` };
}

/** SIGKILLs whatever of these processes still runs, and waits for it to be gone (a scenario's afterAll). */
export async function killAll(processes: readonly RunningProcess[]): Promise<void> {
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await p.exited(10_000).catch(() => undefined);
    }
  }
}

/** One statement on a connection of its own (as the database's owner: no row-level security in the way). */
export async function queryDatabase<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
