/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { JsonLogger, TravelClock } from '@jobbspar/platform';
import { mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { chromiumArgs } from '../../scripts/infra/browser';
import { composeServices, ComposedSystem } from '../../apps/jobbspar/src/compose-services';
import { watchComposed } from '../support/contract-check';
import { systemTopics } from '../support/stack';
import { seedDemo } from '../../apps/jobbspar/src/demo/seed-demo';
import { DEMO_PASSWORD } from '../../apps/identity-provider/src/users';
import { demoToken, testAuthConfig, type DemoUser } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '.data', 'screenshots');

export interface WebStack {
  base: string;
  browser: Browser;
  system: ComposedSystem;
  /** The database's owner (a test waits on a projection through it: it reads past row-level security). */
  databaseUrl: string;
  /**
   * Moves candidate- and matching-service's clock to an instant (null: back to now), as the demo seed does; the
   * follow-up service and the identity provider stay on the real clock (months are released by today's date).
   */
  travel(at: string | null): void;
  /** A call to the API as a demo user (Skövde's coordinator unless another is named). */
  api<T = unknown>(method: string, apiPath: string, body?: unknown, user?: DemoUser): Promise<T>;
  close(): Promise<void>;
}

/**
 * What `npm start` serves, for a browser: the three services in one process on a database of the suite's own, the
 * built web app on the same port, the demo data, and Debian's Chromium driven by Playwright.
 */
export async function startWebStack(): Promise<WebStack> {
  const database = await createTestDatabase('web');
  const prefix = `${uniqueName('web')}.`;
  // The run's OpenID provider (another origin, as in the stack): the browser logs in there.
  const auth = testAuthConfig();
  // As `npm start` seeds the demo: matching on a clock the seed moves back to each placement's start day, so the
  // analyst's pages have months of placements and follow-ups to show (a placement never starts before its acceptance).
  const clock = new TravelClock();
  const travel = (at: string | null): void => (at ? clock.travelTo(at) : clock.backToNow());
  const system = await composeServices(
    { databaseUrl: database.url, topicPrefix: prefix, groupPrefix: prefix, port: 0, auth },
    { candidate: { clock }, matching: { clock } },
  );
  const server: Server = createServer(system.handler);
  watchComposed(server, system, prefix, systemTopics(prefix));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await seedDemo(base, new JsonLogger('demo'), { issuer: auth.issuer }, { travel });
  const executablePath = process.env.TEST_CHROMIUM_PATH;
  if (!executablePath) throw new Error('browser suites need the jest global setup (it finds or installs Chromium)');
  // follow-up-service asks candidate-service for the equal-distribution counts on the suite's port.
  system.listening(base);
  // A fresh profile every launch: playwright-core gives each launch its own temporary user-data-dir.
  const browser = await chromium.launch({ executablePath, args: chromiumArgs(), headless: true });
  const api = async <T>(method: string, apiPath: string, body?: unknown, user: DemoUser = 'coordinator.skovde'): Promise<T> => {
    const response = await fetch(`${base}${apiPath}`, {
      method,
      headers: {
        authorization: `Bearer ${demoToken(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  await matchingSettled(api);
  return {
    base,
    browser,
    system,
    databaseUrl: database.url,
    travel,
    api,
    close: async () => {
      await browser.close().catch(() => undefined);
      await new Promise((resolve) => server.close(resolve));
      await system.close();
      await database.drop();
    },
  };
}

/**
 * The demo's certified tasks are still being matched when the seed returns: wait until the review queue has
 * proposals and its size has held for a second, so pages are tested against settled data, not a busy server.
 */
async function matchingSettled(api: WebStack['api']): Promise<void> {
  const deadline = Date.now() + 90_000;
  let last = -1;
  let steady = 0;
  while (steady < 4) {
    if (Date.now() > deadline) throw new Error('matching did not settle on the demo data in 90 s');
    const { total } = await api<{ total: number }>('GET', '/matching/review-queue?limit=1');
    steady = total > 0 && total === last ? steady + 1 : 0;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export type Language = 'sv' | 'en';

/** A new browser context (no cookies, no storage) in the given language and viewport. */
export async function openPage(
  stack: WebStack,
  language: Language,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ baseURL: stack.base, locale: language === 'sv' ? 'sv-SE' : 'en-GB', viewport });
  await context.addInitScript((lang) => window.localStorage.setItem('jobbspar.language', lang), language);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  (page as Page & { problems?: string[] }).problems = problems;
  return { context, page };
}

export const problemsOf = (page: Page): string[] => (page as Page & { problems?: string[] }).problems ?? [];

/** The demo user of a role at an organisation of the demo data (apps/identity-provider/src/users.ts). */
const DEMO_USER: Record<string, Record<string, DemoUser>> = {
  employer: { 'Skövde kommun': 'employer.skovde', 'Restaurang Sundet AB': 'employer.sundet', 'Kullabygdens Omsorg AB': 'employer.omsorg' },
  'municipal-hr': { 'Skövde kommun': 'hr.skovde', 'Helsingborgs stad': 'hr.helsingborg', 'Landskrona stad': 'hr.landskrona' },
  coordinator: { 'Skövde kommun': 'coordinator.skovde', 'Familjen Helsingborg': 'coordinator.fh' },
  analyst: { 'Skövde kommun': 'analyst.vg', 'Region Skåne': 'analyst.skane' },
  supervisor: { 'Skövde kommun': 'supervisor.skovde' },
};

/**
 * Signs in as the demo user of the given role and organisation, as a person does: the start page's button, the
 * identity provider's login form (authorization code with PKCE), back in the app on her role's first page.
 */
export async function signIn(page: Page, role: string, organisation = 'Skövde kommun'): Promise<void> {
  const username = DEMO_USER[role]?.[organisation];
  if (!username) throw new Error(`no demo user is ${role} at ${organisation}`);
  await page.goto('/');
  const app = new URL(page.url()).origin;
  await page.locator('#login').click();
  await page.locator('#username').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/signin'), { timeout: 30_000 });
  await page.locator('main h1').waitFor();
}

/** axe-core on the whole page: WCAG 2.1 A and AA rules; returns the serious and critical violations. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A full-page screenshot under .data/screenshots/<language>/<name>.png, kept as the run's artifact. */
export async function screenshot(page: Page, language: string, name: string): Promise<string> {
  const dir = path.join(SCREENSHOTS, language);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until the page has loaded its data: no request of the app in flight (main is aria-busy while one is) and no
 * progress indicator left. Not Playwright's networkidle: the review queue keeps its live stream open for good.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () => document.querySelector('main:not([aria-busy="true"])') !== null && document.querySelectorAll('.progress').length === 0,
    undefined,
    { timeout: 30_000 },
  );
  // Hold for a moment and check again: a query that starts right after another ends is not "settled".
  await page.waitForTimeout(200);
  await page.waitForFunction(
    () => document.querySelector('main:not([aria-busy="true"])') !== null && document.querySelectorAll('.progress').length === 0,
  );
}
