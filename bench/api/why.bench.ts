/**
 * GET /matching/candidates/{id}/why?needId= (issue 10: the why-not answer solves the assignment's what-if over the
 * stored edges) against a one-row read behind the same guards (GET /matching/weights/se-12) in the same run, one request
 * at a time.
 *
 *   npm run bench -- why       [--candidates 2000] [--needs 200] [--pairs 20] [--rounds 3] [--seed 1]
 *
 * matching-service (createMatchingApp, in-process broker, embedded PostgreSQL) seeded through its own consumer handler
 * as the review-queue bench does; listening on 127.0.0.1; the region's admin (admin.skane, who may ask why about any
 * pair of her region) with a real token from the project's OpenID provider. `--pairs` pairs of Skåne's needs and
 * candidates with an edge to them; each round asks why for every pair, each time followed by the baseline's read.
 * Figures are medians and p99 of the request times over all rounds (after one uncounted warm-up round).
 */
import 'reflect-metadata';
import { type AbuseLimits, asService, DEFAULT_ABUSE_LIMITS, DEFAULT_AUDIENCE } from '@jobbspar/platform';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type IdentityProviderServer, startIdentityProvider } from '../../apps/identity-provider/src/identity-provider';
import { loginWithPassword } from '../../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../../apps/identity-provider/src/users';
import { table } from '../bench-util';
import { intOptions, log, quietServiceLogs } from '../backbone/support';
import { seed, startService, type Service } from '../matching-event/service';
import { World } from '../matching-event/world';
import { startPostgres, type PostgresHandle } from '@jobbspar/infra';
import { runBench } from '../support/main';
import { median, percentile, ratio, round } from '../support/stats';

const UNTHROTTLED: AbuseLimits = { ...DEFAULT_ABUSE_LIMITS, rate: undefined };

async function timed(url: string, token: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const options = intOptions({ candidates: 2000, needs: 200, pairs: 20, rounds: 3, seed: 1 });
  quietServiceLogs();
  log.info('why bench', { ...options, load: loadavg().map((x) => round(x, 1)) });
  let postgres: PostgresHandle | undefined;
  let service: Service | undefined;
  let idp: IdentityProviderServer | undefined;
  const why: number[] = [];
  const proposals: number[] = [];
  let edges = 0;
  let pairs: { candidate_id: string; need_id: string }[] = [];
  try {
    postgres = await startPostgres();
    idp = await startIdentityProvider({ demo: true });
    const auth = { issuer: idp.issuer, audience: DEFAULT_AUDIENCE };
    const { accessToken: token } = await loginWithPassword({ issuer: idp.issuer, username: 'admin.skane', password: DEMO_PASSWORD });
    service = await startService({
      databaseUrl: postgres.url,
      topicPrefix: 'bench.',
      groupPrefix: 'bench.',
      port: 0,
      auth,
      limits: UNTHROTTLED,
    });
    await seed(service, new World(options.seed), options);
    const { dataSource } = service;
    [{ edges }] = await asService('matching-service', () => dataSource.query(`SELECT count(*)::int AS edges FROM matching.match_edges`));
    // Pairs of Skåne's needs with a candidate each that has an edge to it: what a region's admin would ask about.
    pairs = await asService('matching-service', () =>
      dataSource.query(
        `SELECT DISTINCT ON (e.need_id) e.candidate_id, e.need_id
       FROM matching.match_edges e JOIN matching.needs n ON n.need_id = e.need_id
       WHERE n.tenant = 'se-12' ORDER BY e.need_id, e.score LIMIT $1`,
        [options.pairs],
      ),
    );
    if (pairs.length === 0) throw new Error('no edge to a need of Skåne after seeding: nothing to ask why about');
    await service.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
    for (let r = 0; r <= options.rounds; r++) {
      const round_: { why: number[]; proposals: number[] } = { why: [], proposals: [] };
      for (const p of pairs) {
        round_.why.push(await timed(`${base}/matching/candidates/${p.candidate_id}/why?needId=${p.need_id}`, token));
        round_.proposals.push(await timed(`${base}/matching/weights/se-12`, token));
      }
      if (r > 0) {
        why.push(...round_.why);
        proposals.push(...round_.proposals);
      }
      log.info(r === 0 ? 'warm-up round done' : 'round done', {
        round: r,
        of: options.rounds,
        whyMedianMs: round(median(round_.why), 1),
        proposalsMedianMs: round(median(round_.proposals), 1),
      });
    }
  } finally {
    await service?.app.close();
    await postgres?.stop();
    await idp?.stop();
  }
  const summary = {
    bench: 'why',
    options,
    environment: { node: process.version, cpus: cpus().length, loadAtEnd: loadavg().map((x) => round(x, 1)) },
    edges,
    pairs: pairs.length,
    proposals: { medianMs: round(median(proposals), 1), p99Ms: round(percentile(proposals, 99), 1) },
    why: {
      medianMs: round(median(why), 1),
      p99Ms: round(percentile(why, 99), 1),
      ratio: ratio(median(why), median(proposals)),
    },
  };
  process.stdout.write(
    `${table([
      [`one request at a time, ${edges} edges (all rounds)`, 'median ms', 'p99 ms', 'vs baseline'],
      ['GET /matching/weights/se-12 (baseline)', String(summary.proposals.medianMs), String(summary.proposals.p99Ms), '1×'],
      ['GET /matching/candidates/{id}/why?needId=', String(summary.why.medianMs), String(summary.why.p99Ms), `${summary.why.ratio}×`],
    ])}\n\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

runBench('why', main);
