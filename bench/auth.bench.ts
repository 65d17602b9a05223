/**
 * What authorization costs a request: the same route of the same Nest app (the platform's createServiceApp, its
 * token and policy guards, validation and error filter), once marked public (the guards return at once: the
 * baseline) and once behind a real access token of the project's OpenID provider (signature against its JWKS,
 * iss/aud/exp, the claims, the policy rule), the same token on every request as a browser sends it (the verifier
 * keeps a verified token until its exp, at most a minute). Requests alternate between the two in every round, so
 * both see the same machine; the figures are medians per request and their difference and ratio. The same secured
 * route once more behind the rate limiter (libs/platform http/abuse-limits.ts, a limit it never reaches) gives what
 * the per-user count costs on top. Last, the verifier alone, in process, on that token.
 *
 *   npm run bench -- auth           (BENCH_REQUESTS=4000 for more)
 */
import { Controller, Get, Module } from '@nestjs/common';
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createServiceApp, DEFAULT_ABUSE_LIMITS, DEFAULT_AUDIENCE, JsonLogger, Public, TokenVerifier } from '@jobbspar/platform';
import { startIdentityProvider } from '../apps/identity-provider/src/identity-provider';
import { loginWithPassword } from '../apps/identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../apps/identity-provider/src/users';
import { componentLogger } from '@jobbspar/infra';
import { table } from './bench-util';
import { median, percentile, round } from './support/stats';

const log = componentLogger('auth-bench');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

@Controller('bench')
class BenchController {
  @Get('open')
  @Public()
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('secured')
  secured(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

async function timeRequest(url: string, headers: Record<string, string>): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  JsonLogger.threshold = 'warn';
  const idp = await startIdentityProvider({ demo: true });
  const { accessToken } = await loginWithPassword({ issuer: idp.issuer, username: 'coordinator.fh', password: DEMO_PASSWORD });
  const auth = { issuer: idp.issuer, audience: DEFAULT_AUDIENCE };
  const options = {
    name: 'auth-bench',
    description: 'bench',
    errorStatuses: {},
    auth,
    policy: { BenchController_secured: { roles: ['coordinator' as const] } },
  };
  // Without the rate limiter: the baseline and the token check alone (thousands of anonymous requests a minute from
  // one address is what the limiter refuses).
  const app = await createServiceApp(BenchModule, { ...options, limits: { ...DEFAULT_ABUSE_LIMITS, rate: undefined } });
  // With it, at a limit the run never reaches: what counting costs.
  const limited = await createServiceApp(BenchModule, {
    ...options,
    limits: { ...DEFAULT_ABUSE_LIMITS, rate: { windowSeconds: 60, perSubject: 50_000, perAddress: 50_000 } },
  });
  await app.listen(0, '127.0.0.1');
  await limited.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/bench`;
  const limitedBase = `http://127.0.0.1:${(limited.getHttpServer().address() as AddressInfo).port}/bench`;
  const bearer = { authorization: `Bearer ${accessToken}` };
  try {
    // Warm-up: JIT, keep-alive connections, the JWKS fetched once and cached.
    for (let i = 0; i < 200; i++) {
      await timeRequest(`${base}/open`, {});
      await timeRequest(`${base}/secured`, bearer);
      await timeRequest(`${limitedBase}/secured`, bearer);
    }
    const open: number[] = [];
    const secured: number[] = [];
    const throttled: number[] = [];
    const kinds: Array<() => Promise<void>> = [
      async () => void open.push(await timeRequest(`${base}/open`, {})),
      async () => void secured.push(await timeRequest(`${base}/secured`, bearer)),
      async () => void throttled.push(await timeRequest(`${limitedBase}/secured`, bearer)),
    ];
    for (let i = 0; i < REQUESTS; i++) {
      // Rotate which goes first, so none always follows another.
      for (let k = 0; k < kinds.length; k++) await kinds[(i + k) % kinds.length]();
      if ((i + 1) % 500 === 0) log.info('progress', { requests: i + 1, of: REQUESTS });
    }
    // The verification alone, in process (signature, claims), without HTTP around it.
    const verifier = new TokenVerifier(auth);
    await verifier.verify(accessToken);
    const verify: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const start = process.hrtime.bigint();
      await verifier.verify(accessToken);
      verify.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const mOpen = median(open);
    const mSecured = median(secured);
    const mThrottled = median(throttled);
    process.stdout.write(
      table([
        ['request', 'median ms', 'p95 ms'],
        ['public route (baseline)', String(round(mOpen, 3)), String(round(percentile(open, 95), 3))],
        ['bearer token + policy', String(round(mSecured, 3)), String(round(percentile(secured, 95), 3))],
        ['rate limit + bearer token + policy', String(round(mThrottled, 3)), String(round(percentile(throttled, 95), 3))],
        ['TokenVerifier.verify alone', String(round(median(verify), 3)), String(round(percentile(verify, 95), 3))],
      ]) + '\n',
    );
    const summary = {
      requests: REQUESTS,
      publicMedianMs: round(mOpen, 3),
      securedMedianMs: round(mSecured, 3),
      authorizationCostMs: round(mSecured - mOpen, 3),
      ratio: round(mSecured / mOpen, 2),
      rateLimitedMedianMs: round(mThrottled, 3),
      rateLimitCostMs: round(mThrottled - mSecured, 3),
      rateLimitRatio: round(mThrottled / mSecured, 2),
      verifyMedianMs: round(median(verify), 3),
    };
    process.stdout.write(JSON.stringify(summary) + '\n');
  } finally {
    await app.close();
    await limited.close();
    await idp.stop();
  }
}

void main().catch((error: unknown) => {
  log.error('auth bench failed', { error: (error as Error).message });
  process.exit(1);
});
