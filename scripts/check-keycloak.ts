/*
 * `npm run check:keycloak` (opt-in, not part of `npm test`: a first run takes about five minutes): the realm of
 * docker/compose.yml against a real Keycloak. Starts PostgreSQL, Kafka and Keycloak (scripts/infra/keycloak.ts: the
 * version compose names, Maven Central's zip, a JDK 21+), imports docker/keycloak/jobbspar-realm.json, starts
 * employer-service with OIDC_ISSUER at Keycloak's realm, then for every demo user of the project's own provider
 * (apps/identity-provider/src/users.ts): logs her in by authorization code with PKCE on Keycloak's login form (the
 * project's own login client, apps/identity-provider/src/login-client.ts, as `npm run token` does), checks
 * that the services' token verifier reads from Keycloak's access token the same principal as from our provider's
 * claims for her, and that employer-service answers her GET /roles as its policy says (200 for the roles it admits,
 * 403 for the others). Also: no and a forged token 401, follow-up-service's client credentials give its service
 * identity, the web app's client gives her the same principal, and the web app itself (the front on compose's port
 * 3000, OIDC_ISSUER at the realm) signs her in and out in a real browser (Debian's chromium) on Keycloak's page.
 * Prints the figures and exits 1 on the first mismatch. Stops everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import path from 'node:path';
import { componentLogger, freePort, repoRoot, startPostgres, stderrJsonLog } from '@jobbspar/infra';
import { DEFAULT_AUDIENCE, type Principal, principalFromClaims, TokenVerifier } from '@jobbspar/platform';
import { EMPLOYER_POLICY } from '../apps/employer-service/src/access/employer-policy';
import { CLIENT_IDS, FOLLOW_UP_CLIENT_ID } from '../apps/identity-provider/src/clients';
import { LoginFailed, loginWithPassword } from '../apps/identity-provider/src/login-client';
import { claimsOf, DEMO_USERS, type NewUser, subjectOf } from '../apps/identity-provider/src/users';
import { chromiumArgs, ensureChromium } from './infra/browser';
import { startKafka } from './infra/kafka';
import { KEYCLOAK_VERSION, startKeycloak } from './infra/keycloak';
import { COMPOSE_FOLLOW_UP_SECRET, REALM, REALM_FILE, realmFileContent } from './keycloak-realm';

const root = repoRoot();
const log = componentLogger('check-keycloak', stderrJsonLog);
const stops: Array<() => Promise<void>> = [];

class Mismatch extends Error {}

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Mismatch(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * The web app itself against Keycloak, as compose runs it: the front (every service, the web app) on port 3000 — the
 * origin the realm's web client admits for the app's cross-origin token request — with OIDC_ISSUER at the realm. She
 * opens the start page, presses the login button, signs in on Keycloak's form, is back in the app signed in as herself
 * on her role's first page, whose API reads answer (no 401/403 with Keycloak's token), signs out through Keycloak's
 * end-session endpoint and is back on the start page; a new login asks for her password again (Keycloak's session ended).
 */
async function webAppJourney(front: string, issuer: string, user: NewUser): Promise<void> {
  const executablePath = await ensureChromium({ log: stderrJsonLog });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: chromiumArgs() });
  try {
    const page = await browser.newPage();
    const refused: string[] = [];
    let answered = 0;
    page.on('response', (response) => {
      if (!response.url().startsWith(front) || response.request().resourceType() !== 'fetch') return;
      if (response.status() >= 400) refused.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`);
      else answered++;
    });
    const shown = async () =>
      (
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .slice(0, 300);
    await page.goto(`${front}/`);
    await page.locator('#login').click();
    // Keycloak answers a request it refuses (a scope, a redirect URI) with its own error page, not the form.
    await page
      .locator('#username')
      .waitFor({ timeout: 30_000 })
      .catch(async () => {
        throw new Mismatch(`the web app's login did not reach Keycloak's form: ${page.url()} shows "${await shown()}"`);
      });
    await page.fill('#username', user.username);
    await page.fill('#password', user.password);
    await page.click('#kc-login');
    await page
      .waitForURL((url) => url.origin === front && !url.pathname.startsWith('/signin'), { timeout: 60_000 })
      .catch(async () => {
        throw new Mismatch(`the web app did not sign her in after Keycloak's form: ${page.url()} shows "${await shown()}"`);
      });
    await page.locator('main h1').waitFor();
    const who = await page.locator('.who').innerText();
    if (!who.includes(user.name)) throw new Mismatch(`the web app's header says "${who}", not ${user.name}`);
    // Her first page's reads went out with Keycloak's token and were answered (the page keeps a live stream open, so
    // the network is never idle: wait for the first answered read and a moment for the rest).
    for (const deadline = Date.now() + 30_000; answered === 0 && refused.length === 0;) {
      if (Date.now() > deadline) throw new Mismatch(`the web app's first page made no API read after the login: "${await shown()}"`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    if (refused.length) throw new Mismatch(`the web app's requests were refused with Keycloak's token: ${refused.join(', ')}`);
    await page.getByRole('button', { name: /Logga ut|Sign out/ }).click();
    await page
      .waitForURL((url) => url.origin === front && url.pathname === '/', { timeout: 30_000 })
      .catch(async () => {
        throw new Mismatch(`signing out did not come back to the start page: ${page.url()} shows "${await shown()}"`);
      });
    await page.locator('#login').waitFor();
    await page.locator('#login').click();
    await page
      .locator('#password')
      .waitFor({ timeout: 30_000 })
      .catch(async () => {
        throw new Mismatch(`after signing out Keycloak did not ask for her password again: ${page.url()} shows "${await shown()}"`);
      });
  } finally {
    await browser.close();
  }
}

/** The principal the services read from our provider's token for her: the claims apps/identity-provider issues. */
function expectedPrincipal(user: NewUser): Principal {
  return principalFromClaims({ sub: subjectOf(user.username), ...claimsOf({ ...user, id: subjectOf(user.username) }) });
}

/** A compiled entry point of ours in its own process, answering /health at the returned URL (stopped at the end). */
async function startProcess(name: string, entry: string, env: Record<string, string>, port?: number): Promise<string> {
  const listen = port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', entry)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(listen), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  stops.push(async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  });
  const url = `http://127.0.0.1:${listen}`;
  for (const deadline = Date.now() + 180_000; ;) {
    if (exited) throw new Error(`${name} exited before it answered /health`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return url;
    if (Date.now() > deadline) throw new Error(`${name} did not answer /health within 180 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** compose's front port: the realm's web client admits the web app's token request from that origin only. */
async function composeFrontPort(): Promise<number> {
  const port = 3000;
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use (npm start?): the check runs the web app there, as compose does`);
  return port;
}

/** A new database on the check's PostgreSQL server; its URL. */
async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const started = Date.now();
  const realmFile = path.join(root, REALM_FILE);
  if (readFileSync(realmFile, 'utf8') !== realmFileContent())
    throw new Mismatch(`${REALM_FILE} is not what the demo users make of it today: run npm run keycloak-realm`);
  const pg = await startPostgres({ log: stderrJsonLog });
  stops.push(pg.stop);
  const kafka = await startKafka({ log: stderrJsonLog });
  stops.push(kafka.stop);
  const keycloak = await startKeycloak({ realmFile, realm: REALM, log: stderrJsonLog });
  stops.push(keycloak.stop);
  const issuer = `${keycloak.url}/realms/${REALM}`;
  const service = await startProcess('employer-service', 'apps/employer-service/src/main.js', {
    DATABASE_URL: pg.url,
    KAFKA_BROKERS: kafka.brokers,
    OIDC_ISSUER: issuer,
  });
  const verifier = new TokenVerifier({ issuer, audience: DEFAULT_AUDIENCE });
  const admitted = EMPLOYER_POLICY.RolesController_list.roles ?? [];

  const loginsMs: number[] = [];
  const answers: Record<number, number> = {};
  for (const user of DEMO_USERS) {
    const t = Date.now();
    // The command-line client's login as `npm run token` makes it, on Keycloak's own form.
    const { accessToken: token } = await loginWithPassword({ issuer, username: user.username, password: user.password });
    loginsMs.push(Date.now() - t);
    expectEqual(`${user.username}'s principal from Keycloak's token`, await verifier.verify(token), expectedPrincipal(user));
    const response = await fetch(`${service}/roles`, { headers: { authorization: `Bearer ${token}` } });
    const expected = user.roles.some((role) => admitted.includes(role)) ? 200 : 403;
    expectEqual(`${user.username}'s GET /roles at employer-service`, response.status, expected);
    answers[response.status] = (answers[response.status] ?? 0) + 1;
  }
  log.info('every demo user logged in at Keycloak and was seen as with our provider', { users: DEMO_USERS.length, answers });

  // No token, and a token signed with a key that is not Keycloak's.
  expectEqual('GET /roles without a token', (await fetch(`${service}/roles`)).status, 401);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SignJWT } = require('jose') as typeof import('jose');
  const forged = await new SignJWT(claimsOf({ ...DEMO_USERS[0], id: subjectOf(DEMO_USERS[0].username) }))
    .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
    .setSubject(subjectOf(DEMO_USERS[0].username))
    .setIssuer(issuer)
    .setAudience(DEFAULT_AUDIENCE)
    .setExpirationTime('5m')
    .sign(privateKey);
  expectEqual(
    'GET /roles with a forged token',
    (await fetch(`${service}/roles`, { headers: { authorization: `Bearer ${forged}` } })).status,
    401,
  );

  // follow-up-service's own client: its service identity.
  const credentials = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: FOLLOW_UP_CLIENT_ID,
      client_secret: COMPOSE_FOLLOW_UP_SECRET,
    }),
  });
  const serviceToken = ((await credentials.json()) as { access_token?: string }).access_token;
  if (!serviceToken) throw new Mismatch(`client credentials of ${FOLLOW_UP_CLIENT_ID}: ${credentials.status}`);
  expectEqual(`${FOLLOW_UP_CLIENT_ID}'s service identity`, (await verifier.verify(serviceToken)).service, 'follow-up-service');

  // The web app's client: the same principal from its tokens (its login in a browser is the journey below).
  const browserUser = DEMO_USERS.find((u) => u.username === 'coordinator.fh')!;
  const web = await loginWithPassword({
    issuer,
    username: browserUser.username,
    password: browserUser.password,
    clientId: CLIENT_IDS.web,
    redirectUri: 'http://127.0.0.1/signin/callback',
  });
  expectEqual(
    `${browserUser.username}'s principal from the web app's client`,
    await verifier.verify(web.accessToken),
    expectedPrincipal(browserUser),
  );
  // The web app as compose runs it, on its own database of the same server (the front migrates every schema).
  const frontDb = await createDatabase(pg.url, 'front');
  const front = await startProcess(
    'the front',
    'apps/jobbspar/src/main.js',
    {
      DATABASE_URL: frontDb,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: FOLLOW_UP_CLIENT_ID,
      OIDC_CLIENT_SECRET: COMPOSE_FOLLOW_UP_SECRET,
      DEMO_DATA: 'false',
    },
    await composeFrontPort(),
  );
  const journeyStarted = Date.now();
  await webAppJourney(front, issuer, browserUser);
  const webAppMs = Date.now() - journeyStarted;
  log.info('the web app signs in and out at Keycloak', { user: browserUser.username, ms: webAppMs });
  const sorted = [...loginsMs].sort((a, b) => a - b);
  const figures = {
    keycloak: KEYCLOAK_VERSION,
    users: DEMO_USERS.length,
    keycloakStartSeconds: Math.round(keycloak.startMs / 1000),
    loginMedianMs: sorted[Math.floor(sorted.length / 2)],
    webAppJourneyMs: webAppMs,
    answers,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  log.info('the realm holds against a real Keycloak', figures);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function stopAll(): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch((error: Error) => log.warn('stop failed', { error: error.message }));
}

main().then(
  async () => {
    await stopAll();
    process.exit(0);
  },
  async (error: Error) => {
    log.error(error instanceof Mismatch || error instanceof LoginFailed ? 'the realm does not hold' : 'the check could not run', {
      error: error.message,
    });
    await stopAll();
    process.exit(1);
  },
);
