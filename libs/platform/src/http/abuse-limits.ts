import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { authenticate, isPublic } from '../auth/auth.guard';
import { TokenVerifier } from '../auth/token-verifier';
import { EnvReader } from '../config/env';

/**
 * Abuse limits every service applies the same way (docs/access-control.md, "Abuse limits"): a request rate per
 * caller, a body size, and (in the DTOs, with `PageLimit`) a page size.
 */
export interface RateLimit {
  /** The sliding window the counts are over. */
  windowSeconds: number;
  /** Requests per window of one verified subject (a user, or a service acting as itself), across the service's routes. */
  perSubject: number;
  /** Requests per window from one client address without a valid token (public routes, 401s, a flood of forged tokens). */
  perAddress: number;
}

export interface AbuseLimits {
  /** Absent only where code says so explicitly (a benchmark measuring a route's own cost): never from the environment. */
  rate?: RateLimit;
  /** The largest request body the JSON and form parsers read; a larger one is a 413 before anything else runs. */
  bodyKilobytes: number;
  /**
   * The adapter's `trustProxy` (Fastify's, as Express's `trust proxy` before it): which hops may say, in X-Forwarded-For, whose address a request is (e.g. `loopback`
   * behind the front of `npm run stack`). Off by default: a client could otherwise name any address and have a fresh
   * budget with every request.
   */
  trustProxy: string | false;
}

/**
 * Generous for a person (a browser page makes a handful of requests, a busy coordinator a few a second), tight for a
 * script harvesting candidates or flooding the token check: 3000 requests a minute per user, 600 per address without
 * a token. The integration suites stay under them; the benchmarks that hammer one route with one token say so.
 */
export const DEFAULT_ABUSE_LIMITS: Readonly<AbuseLimits> = {
  rate: { windowSeconds: 60, perSubject: 3000, perAddress: 600 },
  bodyKilobytes: 100,
  trustProxy: false,
};

/** The library's in-memory store keeps one timestamp per counted request and spreads them into Math.min. */
const MAX_RATE_LIMIT = 50_000;

/** RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT_PER_SUBJECT, RATE_LIMIT_PER_ADDRESS, BODY_LIMIT_KB, TRUST_PROXY. */
export function readAbuseLimits(env: EnvReader): AbuseLimits {
  const defaults = DEFAULT_ABUSE_LIMITS.rate!;
  const trustProxy = env.optional('TRUST_PROXY');
  return {
    rate: {
      windowSeconds: env.int('RATE_LIMIT_WINDOW_SECONDS', defaults.windowSeconds, { min: 1, max: 3600 }),
      perSubject: env.int('RATE_LIMIT_PER_SUBJECT', defaults.perSubject, { min: 1, max: MAX_RATE_LIMIT }),
      perAddress: env.int('RATE_LIMIT_PER_ADDRESS', defaults.perAddress, { min: 1, max: MAX_RATE_LIMIT }),
    },
    bodyKilobytes: env.int('BODY_LIMIT_KB', DEFAULT_ABUSE_LIMITS.bodyKilobytes, { min: 1, max: 10_240 }),
    trustProxy: trustProxy === undefined || /^(0|false|off|no)$/i.test(trustProxy) ? false : trustProxy,
  };
}

type Caller = { kind: 'subject' | 'address'; key: string };
const callers = new WeakMap<object, Caller>();

/**
 * @nestjs/throttler's guard with the caller, not the route, as the key: a verified token's subject (so a user behind
 * a shared NAT is not throttled for her neighbours, and one user cannot spread over addresses), else the client
 * address. It runs before AuthGuard, so a flood of missing or forged tokens is answered 429 before its signatures
 * are checked again; the token is verified once per request either way (`authenticate` remembers it).
 *
 * One budget per caller across all of the service's routes (a per-route budget would multiply it by the number of
 * routes). A service's counts are in its database (PostgresRateLimitStore, rate-limit-store.ts), shared by all its
 * replicas, in fixed windows: `Retry-After` is when her window ends. An app without a database (the backbone's test
 * services) counts in its process, in the library's sliding window.
 */
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    limit: RateLimit,
    private readonly verifier: TokenVerifier,
    reflector: Reflector,
    storage: ThrottlerStorage = new ThrottlerStorageService(),
  ) {
    super(
      {
        throttlers: [
          {
            name: 'default',
            ttl: limit.windowSeconds * 1000,
            // Refused requests do not extend the wait: the caller is back as soon as her oldest request ages out.
            blockDuration: 0,
            limit: (context) => (callerOf(context).kind === 'subject' ? limit.perSubject : limit.perAddress),
          },
        ],
        getTracker: (req) => callers.get(req)!.key,
        generateKey: (_context, tracker) => tracker,
        errorMessage: (context, detail) => describeRefusal(context, detail, limit),
      },
      storage,
      reflector,
    );
  }

  static async create(
    limit: RateLimit,
    verifier: TokenVerifier,
    reflector: Reflector,
    storage?: ThrottlerStorage,
  ): Promise<RateLimitGuard> {
    const guard = new RateLimitGuard(limit, verifier, reflector, storage);
    await guard.onModuleInit();
    return guard;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    callers.set(request, await this.identify(request, context));
    return super.canActivate(context);
  }

  private async identify(request: FastifyRequest, context: ExecutionContext): Promise<Caller> {
    if (!isPublic(this.reflector, context)) {
      const result = await authenticate(request, this.verifier);
      if ('principal' in result) {
        const { principal } = result;
        return { kind: 'subject', key: principal.service ? `service:${principal.service}` : `subject:${principal.subject}` };
      }
    }
    return { kind: 'address', key: `address:${normalizeIp(request.ip ?? request.socket.remoteAddress ?? 'unknown')}` };
  }
}

function describeRefusal(context: ExecutionContext, detail: ThrottlerLimitDetail, limit: RateLimit): string {
  const who = callerOf(context).kind === 'subject' ? 'this user' : 'this address without a valid token';
  return `too many requests from ${who}: at most ${detail.limit} in ${limit.windowSeconds} s; retry after ${detail.timeToBlockExpire} s (Retry-After)`;
}

function callerOf(context: ExecutionContext): Caller {
  return callers.get(context.switchToHttp().getRequest<FastifyRequest>())!;
}
