import { INestApplication, Type } from '@nestjs/common';
import { ModuleRef, NestFactory, Reflector } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
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
import { collectProcessMetrics, httpMetricsMiddleware } from '../observability/metrics';
import { httpTracingMiddleware, TracingInterceptor } from '../observability/tracing';
import { AbuseLimits, DEFAULT_ABUSE_LIMITS, RateLimitGuard } from '../http/abuse-limits';
import { PostgresRateLimitStore } from '../http/rate-limit-store';
import { AuditLog } from '../audit/audit-log';
import { AuditGuard, AuditInterceptor } from '../audit/audit-http';
import { databaseIdentityMiddleware } from '../database/database-identity';

export interface ServiceAppOptions<C extends string> {
  name: string;
  description: string;
  errorStatuses: Readonly<Record<C, ClientErrorStatus>>;
  /** Every route but @Public() ones needs a bearer token of this issuer and audience. */
  auth: AuthConfig;
  /** Who may call each operation: every route but @Public() ones must have a rule, or the app does not start. */
  policy: ServicePolicy;
  /** Mount on a shared Express instance (the one-process composition) instead of an own one. */
  express?: Express;
  /** Request rate per caller, body size, proxies trusted for the client address (default DEFAULT_ABUSE_LIMITS). */
  limits?: AbuseLimits;
  /** Serve /openapi.json and /docs (default: when the app has its own server; the composition serves one merged). */
  serveDocs?: boolean;
}

/**
 * Creates an HTTP app with the house conventions: bearer tokens and the service's access policy checked first, JSON
 * logs with the request's correlation id, request logs and latency metrics per route, strict validation, domain
 * errors as 4xx.
 */
export async function createServiceApp<C extends string>(
  module: Type<unknown> | object,
  options: ServiceAppOptions<C>,
): Promise<INestApplication> {
  const app = (await NestFactory.create(
    module as Type<unknown>,
    options.express ? new ExpressAdapter(options.express) : new ExpressAdapter(),
    {
      logger: new JsonLogger(options.name),
      abortOnError: false,
      // Registered below with the configured limit, after the correlation id.
      bodyParser: false,
    },
  )) as NestExpressApplication;
  const limits = options.limits ?? DEFAULT_ABUSE_LIMITS;
  app.set('trust proxy', limits.trustProxy);
  // First, before body parsing and routing: the correlation id, the request's log line, its latency by route.
  app.use(correlationMiddleware, requestLogger(options.name), httpMetricsMiddleware(options.name), httpTracingMiddleware(options.name));
  // A body over the limit is a 413 (DomainExceptionFilter names the limit) before any guard, pipe or handler runs.
  app.useBodyParser('json', { limit: limits.bodyKilobytes * 1024 });
  app.useBodyParser('urlencoded', { limit: limits.bodyKilobytes * 1024, extended: true });
  // From here on, the request's queries carry its verified principal's tenant (row-level security).
  app.use(databaseIdentityMiddleware);
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
  app.useGlobalFilters(new DomainExceptionFilter(options.errorStatuses));
  // Before init: routes added after it land behind Nest's not-found handler and answer 404.
  if (options.serveDocs ?? !options.express) serveOpenApi(app, buildOpenApi(app, options.name, options.description, options.auth));
  return app;
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
