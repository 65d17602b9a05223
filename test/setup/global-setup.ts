import { execFileSync } from 'node:child_process';
import path from 'node:path';
// The global setup runs outside jest's module map: the @jobbspar/* paths come from tsconfig.json.
import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { FOLLOW_UP_CLIENT_ID } from '../../apps/identity-provider/src/clients';
import { startIdentityProvider } from '../../apps/identity-provider/src/identity-provider';
import { loginWithPassword } from '../../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD, DEMO_USERS } from '../../apps/identity-provider/src/users';
import { startKafka } from '../../scripts/infra/kafka';
// A relative path: jest loads global setups without its moduleNameMapper, so @jobbspar/* does not resolve here.
import { startPostgres } from '../../libs/infra/src';
import { ensureChromium } from '../../scripts/infra/browser';
import { ensureWebBuild } from '../../scripts/infra/web-build';

/**
/**
 * Starts one real PostgreSQL server, one real Kafka broker and the project's OpenID provider for the whole run
 * (unless DATABASE_URL or KAFKA_BROKERS point at existing ones), compiles dist/ (half a second) for the suites that
 * run entry points as processes, and readies the browser suites' two inputs: the web app's build (rebuilt only if a
 * source changed) and Debian's Chromium (installed once per machine if missing). Suites isolate themselves with
 * their own databases, topic prefixes and consumer groups (test/support/harness.ts), so they can run in parallel.
 * Every demo user logs in once here (authorization code + PKCE over HTTP, as a browser would); the suites share
 * those tokens.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const started: Array<() => Promise<void>> = [];
  const log = (entry: Record<string, unknown>): void => {
    if (entry.level === 'error' || entry.level === 'warn' || process.env.TEST_INFRA_VERBOSE)
      process.stderr.write(JSON.stringify(entry) + '\n');
  };
  const progress = (entry: Record<string, unknown>): void => void process.stderr.write(JSON.stringify(entry) + '\n');
  const managementSecret = randomBytes(24).toString('base64url');
  const followUpSecret = randomBytes(24).toString('base64url');
  const [pg, kafka, idp, , chromium] = await Promise.all([
    process.env.DATABASE_URL ? undefined : startPostgres({ log }),
    process.env.KAFKA_BROKERS ? undefined : startKafka({ log }),
    startIdentityProvider({
      managementSecret,
      serviceClients: [{ clientId: FOLLOW_UP_CLIENT_ID, secret: followUpSecret, service: 'follow-up-service' }],
      // Longer than any run: a token that expires mid-suite would fail tests for the wrong reason.
      accessTokenTtlSeconds: 4 * 3600,
      log: (level, msg, fields) => log({ level: level === 'info' ? 'debug' : level, component: 'identity-provider', msg, ...fields }),
    }),
    ensureWebBuild({ log: progress }),
    ensureChromium({ log: progress }),
  ]);
  process.env.TEST_CHROMIUM_PATH = chromium;
  if (pg) started.push(pg.stop);
  if (kafka) started.push(kafka.stop);
  started.push(idp.stop);
  const tokens: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    tokens[user.username] = (await loginWithPassword({ issuer: idp.issuer, username: user.username, password: DEMO_PASSWORD })).accessToken;
  }
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL ?? pg!.url;
  process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? kafka!.brokers;
  process.env.TEST_OIDC_ISSUER = idp.issuer;
  process.env.TEST_OIDC_MANAGEMENT_SECRET = managementSecret;
  process.env.TEST_FOLLOW_UP_CLIENT_SECRET = followUpSecret;
  process.env.TEST_DEMO_TOKENS = JSON.stringify(tokens);
  (globalThis as { __jobbsparInfra?: Array<() => Promise<void>> }).__jobbsparInfra = started;
}
