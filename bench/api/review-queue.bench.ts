/**
 * GET /matching/review-queue under load against a bare Nest endpoint in the same run (issue 14: "review queue ≥70%
 * of the bare endpoint's req/s with p99 ≤50 ms").
 *
 *   npm run bench -- review-queue       [--connections 50] [--seconds 5] [--rounds 3] [--candidates 2000] [--needs 200] [--seed 1]
 *
 * matching-service (createMatchingApp, in-process broker, embedded PostgreSQL) seeded through its own consumer handler
 * with `--candidates` and `--needs`, so the queue holds real proposals; listening on 127.0.0.1. The baseline is a
 * Nest app made by the same createServiceApp (same adapter, pipes, filters) whose one route returns, from memory,
 * the very body the review queue answered. autocannon (its own process; `--connections` connections, `--seconds` per run) measures
 * them alternately, `--rounds` times each after one uncounted warm-up run each; figures are medians over rounds.
 *
 * Queue sides: as the service answers (pages from memory until something they are read from changes:
 * ReviewQueueCache), and "from the database" (the same app with the cache bypassed for its rounds: what every request
 * cost before); both ask, like the baseline, for the body as is (no Accept-Encoding), so that the three compare the
 * same bytes. Two more sides say what real clients get: as a browser asks (`Accept-Encoding: gzip, deflate, br,
 * zstd`: the kept page compressed once, sent as those bytes; the baseline still sends the body as is), and a client
 * that holds the page already (`If-None-Match` with its ETag: 304 without a body). They are not the goal's figure. Before the rounds, a serial phase breakdown (`--serial` requests each, one at a time): a round trip
 * through the guarded DataSource, the page query on a plain connection, the page through the handler's path (identity
 * settings, query, commit), and the whole HTTP request each way.
 *
 * BENCH_CPU_PROFILE=<dir>: after the rounds, one more run of each side under V8's sampling profiler (node:inspector,
 * in this process, which is the service's): <dir>/review-queue.cpuprofile and <dir>/bare.cpuprofile, for Chrome's
 * DevTools or `node bench/support/profile-summary.ts <file>` (self time by function and by package).
 */
import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import {
  type AbuseLimits,
  type AuthConfig,
  createServiceApp,
  DEFAULT_ABUSE_LIMITS,
  DEFAULT_AUDIENCE,
  PostgresRateLimitStore,
} from '@jobbspar/platform';
import type autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { type IdentityProviderServer, startIdentityProvider } from '../../apps/identity-provider/src/identity-provider';
import { loginWithPassword } from '../../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../../apps/identity-provider/src/users';
import { table } from '../bench-util';
import { intOptions, log, quietServiceLogs } from '../backbone/support';
import { seed, startService, type Service } from '../matching-event/service';
import { World } from '../matching-event/world';
import { startPostgres, type PostgresHandle } from '@jobbspar/infra';
import { actAs } from '@jobbspar/platform';
import { Client } from 'pg';
import { ProposalRepository } from '../../apps/matching-service/src/proposals/domain/proposal.repository';
import { ReviewQueueCache } from '../../apps/matching-service/src/proposals/infrastructure/review-queue-cache';
import { runBench } from '../support/main';
import { median, ratio, round } from '../support/stats';

const QUEUE_PATH = '/matching/review-queue?limit=50';
/** What Chromium and Firefox send. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/**
 * One coordinator asking thousands of times a second is exactly what the rate limit refuses (429 after
 * RATE_LIMIT_PER_SUBJECT a minute); this bench measures what the queue itself costs, so both apps run without it.
 */
const UNTHROTTLED: AbuseLimits = { ...DEFAULT_ABUSE_LIMITS, rate: undefined };

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

async function bareApp(body: unknown, auth: AuthConfig): Promise<INestApplication> {
  @Controller()
  class BareController {
    @Get('bare')
    bare(): unknown {
      return body;
    }
  }
  @Module({ controllers: [BareController] })
  class BareModule {}
  // Behind the same token and policy guards as the review queue, so that the difference is the queue's own work.
  const app = await createServiceApp(BareModule, {
    name: 'bench-bare',
    description: 'bare endpoint',
    errorStatuses: {},
    auth,
    policy: { BareController_bare: { roles: ['coordinator'] } },
    limits: UNTHROTTLED,
  });
  await app.init();
  return app;
}

interface Run {
  perS: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * autocannon in a process of its own: in the server's process its load generation would share the event loop and
 * the core with the very server it measures.
 */
async function load(url: string, connections: number, seconds: number, token: string, headers: Record<string, string> = {}): Promise<Run> {
  const cli = require.resolve('autocannon/autocannon.js');
  const headerArgs = Object.entries({ authorization: `Bearer ${token}`, ...headers }).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const child = spawn(process.execPath, [cli, '--json', '-c', String(connections), '-d', String(seconds), ...headerArgs, url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`autocannon exited ${code}: ${err.slice(-500)}`);
  const result = JSON.parse(out) as autocannon.Result;
  return {
    perS: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Median milliseconds of `n` runs of `work`, one at a time. */
async function serial(n: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return round(median(times), 3);
}

const COORDINATOR = {
  tenants: ['se-12'],
  roles: ['coordinator' as const],
  organisation: 'cooperation:familjen-helsingborg',
  municipalities: ['1283'],
  actor: 'coordinator:u-bench',
};

/** Where one request's time goes, serially (no concurrency): each phase's median. */
async function phases(
  service: Service,
  databaseUrl: string,
  url: string,
  bareUrl: string,
  token: string,
  n: number,
  cache: ReviewQueueCache,
) {
  const repository = service.app.get(ProposalRepository, { strict: false });
  const filter = { limit: 50, offset: 0, status: 'proposed' as const };
  const plain = new Client({ connectionString: databaseUrl });
  await plain.connect();
  try {
    // As is on both sides (fetch would ask for br and gzip, which only the queue answers).
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' };
    const request = () => fetch(url, { headers }).then((r) => r.text());
    const guardedRoundTrip = await serial(n, () => actAs(COORDINATOR, () => service.dataSource.query('SELECT 1')));
    // What every request costs as deployed and this bench leaves out (UNTHROTTLED): the caller's count in the
    // service's database (PostgresRateLimitStore, one INSERT … ON CONFLICT per request, as the service).
    const store = service.app.get(PostgresRateLimitStore, { strict: false });
    const rateLimitCount = await serial(n, () => store.increment('bench:serial', 60_000, 1_000_000, 0, 'default'));
    const explain = async () => {
      // The page query alone, as the owner (no row-level security), timed by PostgreSQL itself.
      let sql = '';
      let params: unknown[] = [];
      await repository.pageJson(
        { query: async (q: string, p: unknown[]) => ((sql = q), (params = p), [{ items: '[]', total_rows: '0' }]) } as never,
        filter,
      );
      const rows = (await plain.query({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values: params })).rows as [
        { 'QUERY PLAN': [{ 'Execution Time': number }] },
      ];
      return rows[0]['QUERY PLAN'][0]['Execution Time'];
    };
    const executions: number[] = [];
    for (let i = 0; i < n; i++) executions.push(await explain());
    const pageThroughHandler = await serial(n, () => actAs(COORDINATOR, () => repository.pageJson(service.dataSource.manager, filter)));
    const bypass = cache.page.bind(cache);
    cache.page = (_f, load) => load();
    const httpFromDatabase = await serial(n, request);
    cache.page = bypass;
    const httpFromMemory = await serial(n, request);
    const httpBare = await serial(n, () => fetch(bareUrl, { headers }).then((r) => r.text()));
    return {
      guardedRoundTripMs: guardedRoundTrip,
      rateLimitCountMs: rateLimitCount,
      pageQueryExecutionMs: round(median(executions), 3),
      pageThroughHandlerMs: pageThroughHandler,
      httpFromDatabaseMs: httpFromDatabase,
      httpFromMemoryMs: httpFromMemory,
      httpBareMs: httpBare,
    };
  } finally {
    await plain.end();
  }
}

/** `work` under V8's sampling profiler of this process; the profile written to `file`. */
async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    log.info('cpu profile written', { file });
    return result;
  } finally {
    session.disconnect();
  }
}

async function main(): Promise<void> {
  const options = intOptions({ connections: 50, seconds: 5, rounds: 3, candidates: 2000, needs: 200, seed: 1, serial: 200 });
  quietServiceLogs();
  log.info('review-queue bench', { ...options, load: loadavg().map((x) => round(x, 1)) });
  let postgres: PostgresHandle | undefined;
  let service: Service | undefined;
  let bare: INestApplication | undefined;
  let idp: IdentityProviderServer | undefined;
  let token = '';
  const runs: { queue: Run; database: Run; bare: Run; browser: Run; revalidating: Run }[] = [];
  let breakdown: Awaited<ReturnType<typeof phases>> | undefined;
  let queueSize = 0;
  try {
    postgres = await startPostgres();
    // The project's own OpenID provider: a coordinator's real token on every request, as the web app sends it.
    idp = await startIdentityProvider({ demo: true });
    const auth = { issuer: idp.issuer, audience: DEFAULT_AUDIENCE };
    const { accessToken } = await loginWithPassword({ issuer: idp.issuer, username: 'coordinator.fh', password: DEMO_PASSWORD });
    token = accessToken;
    service = await startService({
      databaseUrl: postgres.url,
      topicPrefix: 'bench.',
      groupPrefix: 'bench.',
      port: 0,
      auth,
      limits: UNTHROTTLED,
    });
    await seed(service, new World(options.seed), options);
    const queueBase = await listen(service.app);
    const response = await fetch(queueBase + QUEUE_PATH, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } });
    if (!response.ok) throw new Error(`GET ${QUEUE_PATH} answered ${response.status}: ${await response.text()}`);
    const etag = response.headers.get('etag');
    if (!etag) throw new Error(`GET ${QUEUE_PATH} answered no ETag`);
    const body = (await response.json()) as { items: unknown[]; total: number };
    queueSize = body.total;
    if (body.items.length === 0) throw new Error('the review queue is empty after seeding: nothing to measure');
    bare = await bareApp(body, auth);
    const bareBase = await listen(bare);
    const cache = service.app.get(ReviewQueueCache, { strict: false });
    if (!cache.active) throw new Error('the review queue cache is not listening: nothing kept to measure');
    breakdown = await phases(service, postgres.url, queueBase + QUEUE_PATH, `${bareBase}/bare`, token, options.serial, cache);
    log.info('serial phase breakdown (medians, ms)', breakdown);
    const bypass = cache.page.bind(cache);
    const fromDatabase = async (): Promise<Run> => {
      cache.page = (_f, loadPage) => loadPage();
      try {
        return await load(queueBase + QUEUE_PATH, options.connections, options.seconds, token);
      } finally {
        cache.page = bypass;
      }
    };
    for (let r = 0; r <= options.rounds; r++) {
      // The queue and its baseline back to back, so that the load of the machine changes least between them.
      const queue = await load(queueBase + QUEUE_PATH, options.connections, options.seconds, token);
      const plain = await load(`${bareBase}/bare`, options.connections, options.seconds, token);
      const database = await fromDatabase();
      const browser = await load(queueBase + QUEUE_PATH, options.connections, options.seconds, token, {
        'accept-encoding': BROWSER_ENCODINGS,
      });
      // autocannon counts a 304 as non-2xx: every answer must be one (a 200 would mean the ETag did not match).
      const revalidating = await load(queueBase + QUEUE_PATH, options.connections, options.seconds, token, { 'if-none-match': etag });
      const failed = [queue, database, plain, browser].reduce((n, x) => n + x.errors + x.non2xx, 0) + revalidating.errors;
      if (failed > 0 || revalidating.non2xx === 0) {
        throw new Error(
          `failed requests: review queue ${queue.errors} errors ${queue.non2xx} non-2xx, from the database ${database.errors} / ${database.non2xx}, bare ${plain.errors} / ${plain.non2xx}, compressed ${browser.errors} / ${browser.non2xx}, revalidating ${revalidating.errors} errors, ${revalidating.non2xx} of them 304`,
        );
      }
      if (r > 0) runs.push({ queue, database, bare: plain, browser, revalidating });
      log.info(r === 0 ? 'warm-up round done' : 'round done', {
        round: r,
        of: options.rounds,
        queuePerS: round(queue.perS, 0),
        queueP99Ms: queue.p99,
        databasePerS: round(database.perS, 0),
        databaseP99Ms: database.p99,
        barePerS: round(plain.perS, 0),
        bareP99Ms: plain.p99,
        compressedPerS: round(browser.perS, 0),
        compressedP99Ms: browser.p99,
        revalidatingPerS: round(revalidating.perS, 0),
        revalidatingP99Ms: revalidating.p99,
      });
    }
    const profileDir = process.env.BENCH_CPU_PROFILE;
    if (profileDir) {
      await profiled(path.join(profileDir, 'review-queue.cpuprofile'), () =>
        load(queueBase + QUEUE_PATH, options.connections, options.seconds, token),
      );
      await profiled(path.join(profileDir, 'bare.cpuprofile'), () => load(`${bareBase}/bare`, options.connections, options.seconds, token));
    }
  } finally {
    await bare?.close();
    await service?.app.close();
    await postgres?.stop();
    await idp?.stop();
  }
  const pick = (side: keyof (typeof runs)[number], key: keyof Run): number => median(runs.map((x) => x[side][key]));
  const sideOf = (side: keyof (typeof runs)[number]) => ({
    perS: round(pick(side, 'perS'), 0),
    p50Ms: pick(side, 'p50'),
    p99Ms: pick(side, 'p99'),
    ratio: ratio(pick(side, 'perS'), pick('bare', 'perS')),
  });
  const summary = {
    bench: 'review-queue',
    options,
    environment: { node: process.version, cpus: cpus().length, loadAtEnd: loadavg().map((x) => round(x, 1)) },
    queueTotal: queueSize,
    bare: { perS: round(pick('bare', 'perS'), 0), p50Ms: pick('bare', 'p50'), p99Ms: pick('bare', 'p99') },
    reviewQueue: {
      perS: round(pick('queue', 'perS'), 0),
      p50Ms: pick('queue', 'p50'),
      p99Ms: pick('queue', 'p99'),
      ratio: ratio(pick('queue', 'perS'), pick('bare', 'perS')),
      // Each round's queue over the same round's baseline, their median: steadier than the ratio of medians when the
      // machine's load drifts between rounds.
      ratioOfRounds: round(median(runs.map((x) => x.queue.perS / x.bare.perS)), 3),
    },
    fromDatabase: sideOf('database'),
    compressed: sideOf('browser'),
    revalidating: sideOf('revalidating'),
    serialPhasesMs: breakdown,
    goal: 'review queue ≥ 0.7× the bare endpoint’s req/s, p99 ≤ 50 ms',
  };
  process.stdout.write(
    `${table([
      [`GET, ${options.connections} connections (median of rounds)`, 'req/s', 'p50 ms', 'p99 ms', 'vs bare'],
      [
        'bare Nest endpoint, same body from memory (baseline)',
        String(summary.bare.perS),
        String(summary.bare.p50Ms),
        String(summary.bare.p99Ms),
        '1×',
      ],
      [
        `GET ${QUEUE_PATH} (${queueSize} open)`,
        String(summary.reviewQueue.perS),
        String(summary.reviewQueue.p50Ms),
        String(summary.reviewQueue.p99Ms),
        `${summary.reviewQueue.ratio}× (rounds: ${summary.reviewQueue.ratioOfRounds}×)`,
      ],
      [
        'the same, every request from the database (cache bypassed)',
        String(summary.fromDatabase.perS),
        String(summary.fromDatabase.p50Ms),
        String(summary.fromDatabase.p99Ms),
        `${summary.fromDatabase.ratio}×`,
      ],
      [
        'the queue as a browser asks (br), not the goal’s figure',
        String(summary.compressed.perS),
        String(summary.compressed.p50Ms),
        String(summary.compressed.p99Ms),
        `${summary.compressed.ratio}×`,
      ],
      [
        'the queue revalidated (If-None-Match: 304), not the goal’s figure',
        String(summary.revalidating.perS),
        String(summary.revalidating.p50Ms),
        String(summary.revalidating.p99Ms),
        `${summary.revalidating.ratio}×`,
      ],
    ])}\n\n`,
  );
  if (breakdown) {
    process.stdout.write(
      `${table([
        ['one request at a time (median ms)', 'ms'],
        ['a round trip through the guarded DataSource (settings, SELECT 1, commit)', String(breakdown.guardedRoundTripMs)],
        ["the caller's rate-limit count in the database (as deployed; not in the rounds)", String(breakdown.rateLimitCountMs)],
        ['the page query, executed by PostgreSQL (EXPLAIN ANALYZE)', String(breakdown.pageQueryExecutionMs)],
        ["the page through the handler's path (settings, query, commit)", String(breakdown.pageThroughHandlerMs)],
        ['the whole HTTP request, from the database', String(breakdown.httpFromDatabaseMs)],
        ['the whole HTTP request, from memory', String(breakdown.httpFromMemoryMs)],
        ['the bare endpoint’s HTTP request (baseline)', String(breakdown.httpBareMs)],
      ])}\n\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

runBench('review-queue', main);
