import express, { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@jobbspar/infra';
import { WEB_ROUTES } from '../../web/src/routes';

/** Where `npm run build:web` puts the web app. */
export const WEB_DIST = path.join(repoRoot(), 'apps', 'web', 'dist');

/** Where the web app learns which OpenID provider to log in at (it may be another origin, as in the stack). */
export const WEB_AUTH_CONFIG_PATH = '/auth/config';
export const WEB_CLIENT_ID = 'jobbspar-web';

/** `GET /auth/config`: the issuer and the web app's public client id (authorization code + PKCE). */
export function webAuthConfig(issuer: string): RequestHandler {
  return (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.json({ issuer, clientId: WEB_CLIENT_ID });
  };
}

/** Whether a path belongs to the web app: `/`, its pages (WEB_ROUTES) and its static files. */
export function isWebPath(requestPath: string): boolean {
  return (
    requestPath === '/' || requestPath === '/index.html' || WEB_ROUTES.some((p) => requestPath === p || requestPath.startsWith(`${p}/`))
  );
}

/**
 * Serves the built web app: hashed files under /assets cached for a year, index.html never cached (so a new build
 * is picked up at once) and returned for every page path, so a reload or a bookmark deep in the app works.
 */
export function webApp(dist: string = WEB_DIST): Router {
  const router = Router();
  const index = path.join(dist, 'index.html');
  router.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web app is not built: run `npm run build:web` (npm start and npm test do it for you).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    res.sendFile(index);
  });
  return router;
}
