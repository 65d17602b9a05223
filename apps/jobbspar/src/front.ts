import express, { Express, NextFunction, Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { CANDIDATE_ROUTES } from '../../candidate-service/src/app.module';
import { EMPLOYER_ROUTES } from '../../employer-service/src/app.module';
import { MATCHING_ROUTES } from '../../matching-service/src/app.module';
import { FOLLOW_UP_ROUTES } from '../../follow-up-service/src/app.module';
import { isWebPath, WEB_AUTH_CONFIG_PATH, webApp, webAuthConfig } from './web-app';

export interface ServiceUrls {
  employer: string;
  candidate: string;
  matching: string;
  followUp: string;
}

/**
 * The front door of the distributed stack (`npm run stack`, docker/compose.yml): the web app and, on the same
 * origin, each service's API by the path prefixes it owns, proxied as-is (streams such as server-sent events too).
 * The browser sees one origin, as under `npm start`, so no CORS is needed anywhere.
 */
export function createFront(urls: ServiceUrls, issuer: string, webDist?: string): Express {
  const front = express();
  front.disable('x-powered-by');
  front.get(WEB_AUTH_CONFIG_PATH, webAuthConfig(issuer));
  const routes: Array<[readonly string[], string]> = [
    [EMPLOYER_ROUTES, urls.employer],
    [CANDIDATE_ROUTES, urls.candidate],
    [MATCHING_ROUTES, urls.matching],
    [FOLLOW_UP_ROUTES, urls.followUp],
  ];
  const proxies = routes.map(
    ([prefixes, target]) =>
      [
        prefixes,
        createProxyMiddleware<Request, Response>({
          target,
          changeOrigin: false,
          xfwd: true,
          on: {
            error: (_error, _req, res) => {
              if ('writeHead' in res && !res.headersSent)
                res
                  .writeHead(502, { 'content-type': 'application/json' })
                  .end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: `${target} does not answer` }));
            },
          },
        }),
      ] as const,
  );
  const web = webApp(webDist);
  front.use((req: Request, res: Response, next: NextFunction) => {
    for (const [prefixes, proxy] of proxies)
      if (prefixes.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return proxy(req, res, next);
    if (isWebPath(req.path)) return web(req, res, next);
    res.status(404).json({ statusCode: 404, error: 'Not Found', message: `Cannot ${req.method} ${req.path}` });
  });
  return front;
}
