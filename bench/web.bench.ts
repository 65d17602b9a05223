/// <reference lib="dom" />
/**
 * The web app's two figures: how long a page takes to become usable in a real browser (Debian's Chromium, a new
 * profile and an empty cache per visit, the real services on embedded PostgreSQL with the demo data), as medians
 * against a static page served by the same machine in the same run; and the shipped bundle's size, raw and gzip.
 * "Usable" = the page's heading is shown, no progress indicator is left, and its main data is on screen.
 *
 *   npm run bench -- web            (BENCH_RUNS=15 for more visits per page; BENCH_WEB_PAGES=queue,placements measures
 *                                    only the pages whose name contains one of the words, beside the static baseline)
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, Page } from 'playwright-core';
import { DEFAULT_AUDIENCE, JsonLogger, TravelClock } from '@jobbspar/platform';
import { FOLLOW_UP_CLIENT_ID } from '../apps/identity-provider/src/clients';
import { startIdentityProvider } from '../apps/identity-provider/src/identity-provider';
import { loginWithPassword } from '../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../apps/identity-provider/src/users';
import { composeServices } from '../apps/jobbspar/src/compose-services';
import { seedDemo } from '../apps/jobbspar/src/demo/seed-demo';
import { chromiumArgs, ensureChromium } from '../scripts/infra/browser';
import { componentLogger, startPostgres } from '@jobbspar/infra';
import { ensureWebBuild, WEB_DIST } from '../scripts/infra/web-build';
import { table } from './bench-util';
import { median, round } from './support/stats';

const log = componentLogger('web-bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const ONLY = (process.env.BENCH_WEB_PAGES ?? '')
  .split(',')
  .map((w) => w.trim().toLowerCase())
  .filter(Boolean);

interface Target {
  name: string;
  url: string;
  session?: Record<string, string>;
  ready: (page: Page) => Promise<unknown>;
}

function bundle(): Array<{ file: string; bytes: number; gzip: number }> {
  const dir = path.join(WEB_DIST, 'assets');
  return readdirSync(dir).map((file) => {
    const content = readFileSync(path.join(dir, file));
    return { file, bytes: statSync(path.join(dir, file)).size, gzip: gzipSync(content, { level: 9 }).length };
  });
}

async function main(): Promise<void> {
  await ensureWebBuild();
  const executablePath = await ensureChromium();
  const pg = await startPostgres();
  // follow-up-service's own client (client credentials), as npm start makes it: without it the equal-distribution
  // report cannot read candidate-service's protected counts and answers 503.
  const followUp = { clientId: FOLLOW_UP_CLIENT_ID, secret: randomBytes(24).toString('base64url'), service: 'follow-up-service' };
  const idp = await startIdentityProvider({ serviceClients: [followUp] });
  const auth = {
    issuer: idp.issuer,
    audience: DEFAULT_AUDIENCE,
    serviceClient: { id: followUp.clientId, secret: followUp.secret },
  };
  const tokenOf = async (username: string) =>
    (await loginWithPassword({ issuer: idp.issuer, username, password: DEMO_PASSWORD })).accessToken;
  // The demo as `npm start` seeds it: months of placements, on a clock the seed moves back to each start day.
  const clock = new TravelClock();
  const system = await composeServices(
    { databaseUrl: pg.url, topicPrefix: 'bench.', groupPrefix: 'bench.', port: 0, auth },
    { candidate: { clock }, matching: { clock } },
  );
  const server = createServer(system.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // follow-up-service asks candidate-service for the equal-distribution counts on this port.
  system.listening(base);
  // The baseline: a static page of the same kind of content (a heading and a table), no script at all.
  const rows = Array.from({ length: 10 }, (_, i) => `<tr><td>Behov ${i}</td><td>Skövde</td></tr>`).join('');
  const staticServer = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="sv"><title>s</title><h1>Statisk</h1><table>${rows}</table></html>`),
  );
  await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
  const staticBase = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: chromiumArgs(), headless: true });
  try {
    await seedDemo(base, new JsonLogger('demo'), { issuer: idp.issuer }, { travel: (at) => (at ? clock.travelTo(at) : clock.backToNow()) });
    const headers = { authorization: `Bearer ${await tokenOf('coordinator.skovde')}` };
    const employers = (await (await fetch(`${base}/employers?limit=100`, { headers })).json()) as {
      items: Array<{ id: string; name: string; municipalityCode: string }>;
    };
    const skovde = employers.items.find((e) => e.name === 'Skövde kommun')!;
    // Let matching finish the demo before measuring anything.
    for (let last = -1, steady = 0; steady < 4;) {
      const { total } = (await (await fetch(`${base}/matching/review-queue?limit=1`, { headers })).json()) as { total: number };
      steady = total > 0 && total === last ? steady + 1 : 0;
      last = total;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // Signed in as Skövde's demo user of each role: her real token in the session, as after the login page.
    const usernames: Record<string, string> = {
      employer: 'employer.skovde',
      'municipal-hr': 'hr.skovde',
      coordinator: 'coordinator.skovde',
      analyst: 'analyst.vg',
    };
    const tokens: Record<string, string> = {};
    for (const [role, username] of Object.entries(usernames)) tokens[role] = await tokenOf(username);
    const roles = (await (
      await fetch(`${base}/roles?employerId=${skovde.id}&kind=composed&limit=10`, {
        headers: { authorization: `Bearer ${tokens['municipal-hr']}` },
      })
    ).json()) as { items: Array<{ id: string }> };
    const roleId = roles.items[0].id;
    // Region Skåne's analyst (no single municipality; the region is her token's tenant): the demo's released
    // months and placements are Helsingborg's.
    const skaneAnalyst = {
      'jobbspar.session': JSON.stringify({
        name: 'Bench',
        role: 'analyst',
        accessToken: await tokenOf('analyst.skane'),
        expiresAt: Date.now() + 3_600_000,
      }),
    };
    const as = (role: string) => ({
      'jobbspar.session': JSON.stringify({
        name: 'Bench',
        role,
        organisationId: skovde.id,
        municipality: skovde.municipalityCode,
        accessToken: tokens[role],
        expiresAt: Date.now() + 3_600_000,
      }),
    });
    // Familjen Helsingborg's coordinator: the demo's placement history is in her area.
    const fhCoordinator = {
      'jobbspar.session': JSON.stringify({
        name: 'Bench',
        role: 'coordinator',
        accessToken: await tokenOf('coordinator.fh'),
        expiresAt: Date.now() + 3_600_000,
      }),
    };
    // Names come from candidate-service in a second call: a pseudonym ("Kandidat …") shows until they have.
    const named = (page: Page, selector: string) =>
      page.waitForFunction(
        (s) => Array.from(document.querySelectorAll(s)).some((a) => !/^(Kandidat|Pseudonym)\b/.test(a.textContent ?? '')),
        selector,
      );
    const usable = async (page: Page, selector: string) => {
      await page.locator('main h1').waitFor();
      await page.locator(selector).first().waitFor({ state: 'attached' });
      await page.waitForFunction(() => document.querySelectorAll('.progress').length === 0);
    };
    const targets: Target[] = [
      { name: 'static page (baseline)', url: staticBase, ready: (page) => page.locator('table tr').first().waitFor() },
      { name: 'start page', url: `${base}/`, ready: (page) => usable(page, '#login') },
      { name: 'employer: my needs', url: `${base}/employer/needs`, session: as('employer'), ready: (page) => usable(page, 'tbody tr') },
      {
        name: 'HR: role designer',
        url: `${base}/hr/roles/new`,
        session: as('municipal-hr'),
        ready: (page) => usable(page, '.task-result'),
      },
      {
        name: 'HR: a role with its supply preview',
        url: `${base}/hr/roles/${roleId}`,
        session: as('municipal-hr'),
        ready: (page) => usable(page, '[data-figure="qualify"]'),
      },
      {
        name: 'coordinator: review queue (with names)',
        url: `${base}/coordinator/queue`,
        session: as('coordinator'),
        ready: async (page) => {
          await usable(page, '.factor-bars');
          await named(page, '.queue-candidate a');
          // Each card's need (its role, type, start and positions) from employer-service: every request settled.
          await page.waitForFunction(() => document.querySelector('main:not([aria-busy="true"])') !== null);
        },
      },
      {
        name: 'coordinator: placements (with names)',
        url: `${base}/coordinator/placements`,
        session: fhCoordinator,
        ready: async (page) => {
          await usable(page, 'tbody tr');
          await named(page, 'tbody th a');
        },
      },
      {
        name: 'analyst: follow-up (lazy chart chunk)',
        url: `${base}/analyst/overview`,
        session: as('analyst'),
        ready: (page) => usable(page, 'canvas'),
      },
      {
        name: 'analyst: equal distribution',
        url: `${base}/analyst/equal-distribution`,
        session: skaneAnalyst,
        ready: (page) => usable(page, '#ratio-chart ~ .chart canvas'),
      },
      {
        name: 'analyst: where to train',
        url: `${base}/analyst/where-to-train`,
        session: skaneAnalyst,
        ready: (page) => usable(page, '#train-chart ~ .chart canvas'),
      },
    ];
    const results: Array<{ name: string; medianMs: number; samples: number[] }> = [];
    const chosen = targets.filter((t, i) => i === 0 || ONLY.length === 0 || ONLY.some((w) => t.name.toLowerCase().includes(w)));
    for (const target of chosen) {
      const samples: number[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        const context = await browser.newContext({ locale: 'sv-SE' });
        if (target.session)
          await context.addInitScript(
            (entries) => Object.entries(entries).forEach(([k, v]) => sessionStorage.setItem(k, v)),
            target.session,
          );
        const page = await context.newPage();
        // The uncounted first visit may wait on a report's first computation (equal distribution took over 30 s at
        // load 13); the counted ones keep Playwright's 30 s.
        if (run === 0) page.setDefaultTimeout(120_000);
        const started = performance.now();
        await page.goto(target.url, { waitUntil: 'commit' });
        await target.ready(page);
        const ms = performance.now() - started;
        if (run > 0) samples.push(ms); // the first visit warms the server's caches and is not counted
        await context.close();
      }
      results.push({ name: target.name, medianMs: round(median(samples)), samples: samples.map((s) => round(s)) });
      log.info('measured', { page: target.name, medianMs: round(median(samples)) });
    }
    const baseline = results[0].medianMs;
    const files = bundle();
    const initial = files.filter((f) => f.file.startsWith('index-'));
    const sum = (xs: typeof files, key: 'bytes' | 'gzip') => xs.reduce((n, f) => n + f[key], 0);
    process.stdout.write(
      table([
        ['page', 'usable after (median ms)', 'vs static page'],
        ...results.map((r) => [r.name, String(r.medianMs), `${round(r.medianMs / baseline, 2)}x`]),
      ]) + '\n\n',
    );
    process.stdout.write(table([['bundle file', 'bytes', 'gzip'], ...files.map((f) => [f.file, String(f.bytes), String(f.gzip)])]) + '\n');
    process.stdout.write(
      JSON.stringify({
        bench: 'web',
        runs: RUNS,
        pages: results.map(({ name, medianMs }) => ({ name, medianMs, ratio: round(medianMs / baseline, 2) })),
        bundle: {
          initialBytes: sum(initial, 'bytes'),
          initialGzip: sum(initial, 'gzip'),
          allBytes: sum(files, 'bytes'),
          allGzip: sum(files, 'gzip'),
        },
      }) + '\n',
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => staticServer.close(resolve));
    await new Promise((resolve) => server.close(resolve));
    await system.close();
    await pg.stop();
    await idp.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`web bench failed: ${error.message}\n`);
  process.exit(1);
});
