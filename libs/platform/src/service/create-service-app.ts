import { INestApplication, Type } from '@nestjs/common';
import { ModuleRef, NestApplication, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthConfig } from '../auth/auth-config';
import { AuthGuard } from '../auth/auth.guard';
import { assertPolicyCovers, PolicyGuard, type ServicePolicy } from '../auth/policy';
import { TokenVerifier } from '../auth/token-verifier';
import { ClientErrorStatus } from '../errors/domain-error';
import { DomainExceptionFilter } from '../http/domain-exception.filter';
import { BodyDepthPipe } from '../http/body-depth.pipe';
import { createValidationPipe } from '../http/validation';
import { JsonLogger } from '../logging/json-logger';
import { buildOpenApi, serveOpenApi } from '../http/openapi';
import { CorrelationInterceptor, correlationMiddleware, requestLogger } from '../http/correlation';
import { collectProcessMetrics, httpMetricsMiddleware, ROUTE } from '../observability/metrics';
import { httpTracingMiddleware, TracingInterceptor } from '../observability/tracing';
import { AbuseLimits, DEFAULT_ABUSE_LIMITS, RateLimitGuard } from '../http/abuse-limits';
import { PostgresRateLimitStore } from '../http/rate-limit-store';
import { AuditLog } from '../audit/audit-log';
import { AuditGuard, AuditInterceptor } from '../audit/audit-http';
import { databaseIdentityHook } from '../database/database-identity';
import { inflateRequestBody, jsonBodyParser } from '../http/request-body';

export interface ServiceAppOptions<C extends string> {
  name: string;
  description: string;
  errorStatuses: Readonly<Record<C, ClientErrorStatus>>;
  /** Every route but @Public() ones needs a bearer token of this issuer and audience. */
  auth: AuthConfig;
  /** Who may call each operation: every route but @Public() ones must have a rule, or the app does not start. */
  policy: ServicePolicy;
  /**
   * Served through the one-process composition's front rather than a port of its own: the front hands it the
   * requests of its path prefixes (`routeRequest`), and it serves no /docs of its own (the composition serves one).
   */
  mounted?: boolean;
  /** Request rate per caller, body size, proxies trusted for the client address (default DEFAULT_ABUSE_LIMITS). */
  limits?: AbuseLimits;
  /** Serve /openapi.json and /docs (default: when the app has its own server; the composition serves one merged). */
  serveDocs?: boolean;
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Creates an HTTP app with the house conventions: bearer tokens and the service's access policy checked first, JSON
 * logs with the request's correlation id, request logs and latency metrics per route, strict validation, domain
 * errors as 4xx. On NestJS's Fastify adapter (README, "HTTP adapter"): 2× Express's requests per second on the same
 * routes, measured by `npm run bench -- adapter`.
 */
export async function createServiceApp<C extends string>(
  module: Type<unknown> | object,
  options: ServiceAppOptions<C>,
): Promise<INestApplication> {
  const limits = options.limits ?? DEFAULT_ABUSE_LIMITS;
  const bodyLimit = limits.bodyKilobytes * 1024;
  const adapter = new FastifyAdapter({
    // The JSON and form parsers read at most this much (inflated, for a compressed body): a 413 before anything runs.
    bodyLimit,
    trustProxy: limits.trustProxy,
    // As Express answered: `/needs/` is `/needs`.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type<unknown>, adapter, {
    logger: new JsonLogger(options.name),
    abortOnError: false,
  });
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  // Fastify routes before its first hook: the route template is known from the start (metrics, logs, audit).
  const middleware: NodeMiddleware[] = [
    correlationMiddleware,
    requestLogger(options.name),
    httpMetricsMiddleware(options.name),
    httpTracingMiddleware(options.name),
  ];
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as IncomingMessage & { [ROUTE]?: string })[ROUTE] = request.routeOptions.url;
    // First, before body parsing: the correlation id, the request's log line, its latency by route, its span.
    const run = (i: number): void => (i === middleware.length ? done() : middleware[i](request.raw, reply.raw, () => run(i + 1)));
    run(0);
  });
  // A gzip or deflate body is inflated first, as Express's body parser did; the limit counts what it inflates to.
  fastify.addHook('preParsing', inflateRequestBody);
  // As Express's body parser: an empty JSON body is `{}`, and only an object or an array is a JSON body.
  app.useBodyParser('application/json', { bodyLimit }, jsonBodyParser(fastify));
  // From here on, the request's queries carry its verified principal's tenant (row-level security).
  fastify.addHook('preHandler', databaseIdentityHook);
  collectProcessMetrics();
  // The service's audit log, where it has one (ServiceInfrastructureModule provides it with the schema).
  const audit = auditLogOf(app);
  app.useGlobalInterceptors(new CorrelationInterceptor(), new TracingInterceptor(), ...(audit ? [new AuditInterceptor(audit)] : []));
  assertPolicyCovers(app, options.policy, options.name);
  // The caller's rate first (429, keyed by the verified subject, else the address), then the token (401), then the
  // service's policy (403), before any pipe or handler runs. One verifier: the token is checked once per request.
  const reflector = app.get(Reflector);
  const verifier = new TokenVerifier(options.auth);
  app.useGlobalGuards(
    // First, so that it sees every outcome, the refusals of the guards after it included.
    ...(audit ? [new AuditGuard(audit, options.policy, reflector)] : []),
    ...(limits.rate ? [await RateLimitGuard.create(limits.rate, verifier, reflector, rateLimitStoreOf(app))] : []),
    new AuthGuard(verifier, reflector),
    new PolicyGuard(options.policy, reflector),
  );
  app.useGlobalPipes(new BodyDepthPipe(), createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter(options.errorStatuses, bodyLimit));
  // Before init: Fastify takes no route once it is ready.
  if (options.serveDocs ?? !options.mounted) serveOpenApi(app, buildOpenApi(app, options.name, options.description, options.auth));
  readyOnInit(app, fastify);
  return app;
}

/**
 * Fastify routes only once it is ready (its routes' hooks are put together then), which `listen()` does and `init()`
 * does not: initialising the app makes it ready too, so the server a test hands to supertest and the handler the
 * one-process front uses route like a listening one. NestFactory's proxy ignores assignments, hence the definition
 * on the app itself; the original init runs first, with the app as `this`.
 */
function readyOnInit(app: INestApplication, fastify: FastifyInstance): void {
  const init = NestApplication.prototype.init;
  Object.defineProperty(app, 'init', {
    configurable: true,
    writable: true,
    value: async function (this: NestApplication) {
      await init.call(this);
      await fastify.ready();
      return this;
    },
  });
}

/**
 * The app's request handler, for a front that dispatches by path (the one-process composition): the Node request
 * and response go through the app's Fastify router as if they had reached its own server. Initialise the app first.
 */
export function routeRequest(app: INestApplication): (req: IncomingMessage, res: ServerResponse) => void {
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  return (req, res) => fastify.routing(req, res);
}

/** The service's shared rate-limit counts, where it has a database (ServiceInfrastructureModule provides them). */
function rateLimitStoreOf(app: INestApplication): PostgresRateLimitStore | undefined {
  try {
    return app.get(ModuleRef).get(PostgresRateLimitStore, { strict: false });
  } catch {
    return undefined;
  }
}

function auditLogOf(app: INestApplication): AuditLog | undefined {
  // Asked through the root ModuleRef: the app itself runs every call in Nest's exception zone, which logged
  // "could not find AuditLog" as an error for each app without an audit log (the backbone's test services).
  try {
    return app.get(ModuleRef).get(AuditLog, { strict: false });
  } catch {
    return undefined;
  }
}

export { buildOpenApi, serveOpenApi } from '../http/openapi';
