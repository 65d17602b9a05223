import { createEnvelope, EmployerRegisteredV1 } from '@jobbspar/contracts';
import { ServiceConfig } from '@jobbspar/platform';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { RunningProcess, runTypeScript } from '../support/processes';

/**
 * The fault suite's shared parts. Every scenario runs in `npm test` at a small size (the fast cases) and in
 * `npm run faults` at full size (JOBBSPAR_FAULTS=full, set by the faults project), and reports one figure line:
 * what was sent, applied, lost, redelivered and applied twice, and how long it took.
 */
export const FULL = process.env.JOBBSPAR_FAULTS === 'full';
export const scale = <T>(fast: T, full: T): T => (FULL ? full : fast);

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
