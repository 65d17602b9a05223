import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { OpenAPIObject } from '@nestjs/swagger';
import {
  buildOpenApi,
  HEALTH_CHECKS,
  HealthChecks,
  JsonLogger,
  mergeOpenApi,
  ReadinessGate,
  routeRequest,
  serveOpenApi,
  ServiceConfig,
} from '@jobbspar/platform';
import express, { Express, NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCandidateApp } from '../../candidate-service/src/bootstrap';
import { CANDIDATE_ROUTES } from '../../candidate-service/src/app.module';
import type { CandidateConfig } from '../../candidate-service/src/config/env';
import { createEmployerApp } from '../../employer-service/src/bootstrap';
import { EMPLOYER_ROUTES } from '../../employer-service/src/app.module';
import { createMatchingApp } from '../../matching-service/src/bootstrap';
import { MATCHING_ROUTES } from '../../matching-service/src/app.module';
import type { MatchingConfig } from '../../matching-service/src/config/env';
import { createFollowUpApp } from '../../follow-up-service/src/bootstrap';
import { FOLLOW_UP_ROUTES } from '../../follow-up-service/src/app.module';
import type { FollowUpSettings } from '../../follow-up-service/src/config/env';
import { GatewayModule } from './gateway.module';
import { isWebPath, WEB_AUTH_CONFIG_PATH, webApp, webAuthConfig } from './web-app';

export interface ComposedSystem {
  handler: Express;
  apps: {
    employer: INestApplication;
    candidate: INestApplication;
    matching: INestApplication;
    followUp: INestApplication;
    gateway: INestApplication;
  };
  /** The OpenAPI document served at /openapi.json. */
  openapi: OpenAPIObject;
  /** Tells the services where the one port listens, once it does (follow-up-service asks candidate-service there). */
  listening(baseUrl: string): void;
  close(): Promise<void>;
}

/**
 * The embedded default: the four services as four Nest applications in one process, each with its own Fastify
 * instance, DI container, schema, consumer group and outbox relay, exactly as when they run apart. One small Express
 * front dispatches by path prefix (each service's requests go through that service's Fastify router, `routeRequest`),
 * mounts the OpenID provider and serves the web app and the gateway's merged /docs and /health, so the whole API is
 * on one port. The services are not imported into each other: only this composition root knows all four.
 */
export interface ServiceSettings {
  candidate?: Pick<CandidateConfig, 'masterKey' | 'clock'>;
  matching?: Pick<MatchingConfig, 'matching' | 'clock'>;
  followUp?: Partial<FollowUpSettings>;
}

export async function composeServices(
  config: ServiceConfig,
  settings: ServiceSettings = {},
  /** Handlers mounted at a path prefix of the same port, e.g. the embedded OpenID provider at /oidc. */
  mounts: Array<[string, Express]> = [],
): Promise<ComposedSystem> {
  // What has started so far: if a later start fails, these are closed (outbox relays, consumers, pools) before the
  // error goes on, so that a failed start leaves nothing running and the process can exit.
  const started: INestApplication[] = [];
  const start = async (create: Promise<INestApplication>): Promise<INestApplication> => {
    const app = await create;
    started.push(app);
    return app;
  };
  try {
    return await composeStarting(start, config, settings, mounts);
  } catch (error) {
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    throw error;
  }
}

async function composeStarting(
  start: (create: Promise<INestApplication>) => Promise<INestApplication>,
  config: ServiceConfig,
  settings: ServiceSettings,
  mounts: Array<[string, Express]>,
): Promise<ComposedSystem> {
  const gatewayExpress = express();
  const employer = await start(createEmployerApp(config, true));
  const candidate = await start(createCandidateApp({ ...config, ...settings.candidate }, true));
  const matching = await start(createMatchingApp({ ...config, ...settings.matching }, true));
  let baseUrl = '';
  const followUp = await start(
    createFollowUpApp(
      { ...config, ...settings.followUp, candidateServiceUrl: settings.followUp?.candidateServiceUrl ?? (() => baseUrl) },
      true,
    ),
  );

  const healthOf = (app: INestApplication): HealthChecks => app.get(HEALTH_CHECKS);
  const gateway = await start(
    NestFactory.create(
      GatewayModule.forServices(
        {
          'employer-service': healthOf(employer),
          'candidate-service': healthOf(candidate),
          'matching-service': healthOf(matching),
          'follow-up-service': healthOf(followUp),
        },
        {
          'employer-service': employer.get(ReadinessGate),
          'candidate-service': candidate.get(ReadinessGate),
          'matching-service': matching.get(ReadinessGate),
          'follow-up-service': followUp.get(ReadinessGate),
        },
      ),
      new ExpressAdapter(gatewayExpress),
      { logger: new JsonLogger('gateway') },
    ),
  );
  const routes: Array<[readonly string[], (req: IncomingMessage, res: ServerResponse) => void]> = [
    [EMPLOYER_ROUTES, routeRequest(employer)],
    [CANDIDATE_ROUTES, routeRequest(candidate)],
    [MATCHING_ROUTES, routeRequest(matching)],
    [FOLLOW_UP_ROUTES, routeRequest(followUp)],
  ];
  const owns = (prefixes: readonly string[], path: string): boolean => prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  // Each service's document keeps only what the front routes to it (its own /health, say, is the gateway's here).
  const routed = (doc: OpenAPIObject, prefixes: readonly string[]): OpenAPIObject => ({
    ...doc,
    paths: Object.fromEntries(Object.entries(doc.paths).filter(([path]) => owns(prefixes, path))),
  });
  const allPrefixes = routes.flatMap(([prefixes]) => prefixes);
  const gatewayDoc = buildOpenApi(gateway, 'gateway', '', config.auth);
  const document = mergeOpenApi('Jobbspår', 'Jobbspår: employer-, candidate-, matching- and follow-up-service in one process', [
    { ...gatewayDoc, paths: Object.fromEntries(Object.entries(gatewayDoc.paths).filter(([path]) => !owns(allPrefixes, path))) },
    routed(buildOpenApi(employer, 'employer-service', '', config.auth), EMPLOYER_ROUTES),
    routed(buildOpenApi(candidate, 'candidate-service', '', config.auth), CANDIDATE_ROUTES),
    routed(buildOpenApi(matching, 'matching-service', '', config.auth), MATCHING_ROUTES),
    routed(buildOpenApi(followUp, 'follow-up-service', '', config.auth), FOLLOW_UP_ROUTES),
  ]);
  serveOpenApi(gateway, document);
  await gateway.init();

  const web = webApp();
  const front = express();
  front.disable('x-powered-by');
  for (const [prefix, handler] of mounts) front.use(prefix, handler);
  front.get(WEB_AUTH_CONFIG_PATH, webAuthConfig(config.auth.issuer));
  front.use((req: Request, res: Response, next: NextFunction) => {
    for (const [prefixes, target] of routes) if (owns(prefixes, req.path)) return target(req, res);
    if (isWebPath(req.path)) return web(req, res, next);
    return gatewayExpress(req, res, next);
  });

  return {
    handler: front,
    apps: { employer, candidate, matching, followUp, gateway },
    openapi: document,
    listening: (url) => {
      baseUrl = url;
    },
    close: async () => {
      // Consumers first: follow-up and matching read what the others publish.
      for (const app of [gateway, followUp, matching, candidate, employer]) await app.close();
    },
  };
}
