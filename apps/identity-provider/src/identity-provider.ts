import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_AUDIENCE, ROLES, type Role } from '@jobbspar/platform';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { default as ProviderClass, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { API_RESOURCE, API_SCOPE, clients, type ServiceClient, serviceClientMetadata } from './clients';
import { importEsm } from './load-esm';
import { loginPage } from './login-page';
import { OrganisationRecord } from './organisations';
import { claimsOf, DEMO_PASSWORD, DEMO_USERS, UserDirectory } from './users';

export interface IdentityProviderOptions {
  /** The `iss` of every token, as browsers and the services reach the provider (it may include a path: /oidc). */
  issuer: string;
  users?: UserDirectory;
  /** The `aud` of access tokens for the API. */
  audience?: string;
  accessTokenTtlSeconds?: number;
  /** Extra redirect URIs of the web client, for a deployment on a non-loopback origin. */
  webRedirectUris?: string[];
  /** Lists the demo users on the login page. */
  demo?: boolean;
  /** Enables `/_admin/users` (add and delete users) for callers presenting this secret: the tests' user setup. */
  managementSecret?: string;
  /** Services that call others as themselves (client credentials): follow-up-service for candidate-service's aggregates. */
  serviceClients?: readonly ServiceClient[];
  log?: (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;
}

export interface IdentityProvider {
  issuer: string;
  users: UserDirectory;
  /** Serves the provider: mount it at the issuer's path (`front.use('/oidc', handler)`) or serve it at the root. */
  handler: Express;
}

type OidcModule = { default: typeof ProviderClass; errors: typeof import('oidc-provider').errors };

const JOBBSPAR_CLAIMS = ['org', 'org_type', 'org_name', 'roles', 'tenant', 'municipalities'];

/**
 * The project's own OpenID Connect provider: `oidc-provider` (a certified OpenID implementation) with our users,
 * our login page and no consent screen (every client is first-party). Access tokens for the API are JWTs signed
 * with RS256 by a key generated at start-up, carrying the organisation, roles, tenant and area claims.
 */
export async function createIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const log = options.log ?? (() => undefined);
  const { default: Provider, errors } = await quietly(log, () => importEsm<OidcModule>('oidc-provider'));
  const issuer = options.issuer.replace(/\/$/, '');
  const basePath = new URL(issuer).pathname.replace(/\/$/, '');
  const users = options.users ?? new UserDirectory(DEMO_USERS);
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

  const configuration: Configuration = {
    clients: [...clients(options.webRedirectUris), ...(options.serviceClients ?? []).map(serviceClientMetadata)],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], jobbspar: JOBBSPAR_CLAIMS },
    scopes: ['openid', 'offline_access', 'profile', 'jobbspar'],
    // The web app shows who is logged in and her roles from the ID token, without a userinfo call.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 900,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget(`the only resource here is ${API_RESOURCE}`);
          return {
            scope: API_SCOPE,
            audience,
            accessTokenTTL: options.accessTokenTtlSeconds ?? 900,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount: (_ctx, id) => {
      const user = users.get(id);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, name: user.name, preferred_username: user.username, ...claimsOf(user) }),
      };
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = options.serviceClients?.find((c) => c.clientId === token.clientId);
        return client ? { service: client.service } : undefined;
      }
      if (token.kind !== 'AccessToken' || !('accountId' in token) || !token.accountId) return undefined;
      const user = users.get(token.accountId as string);
      return user ? claimsOf(user) : undefined;
    },
    interactions: { url: (_ctx, interaction) => `${basePath}/interaction/${interaction.uid}` },
    // Browser apps on any loopback port may call the token endpoint (the web app, Swagger UI).
    clientBasedCORS: (_ctx, origin) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in failed</h1><p>${String(out.error_description ?? out.error).replace(/[<>&]/g, '')}</p></main></body></html>`;
    },
  };
  const provider = await quietly(log, async () => new Provider(issuer, configuration));
  provider.on('server_error', (_ctx: unknown, error: Error) => log('warn', 'identity provider error', { error: error.message }));

  const app = express();
  app.disable('x-powered-by');
  const noStore = (_req: Request, res: Response, next: NextFunction): void => {
    res.set('cache-control', 'no-store');
    next();
  };
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  app.get('/interaction/:uid', noStore, async (req, res, next) => {
    try {
      const { uid, prompt, params } = await provider.interactionDetails(req, res);
      if (prompt.name === 'consent') {
        // Every client is first-party: the grant covers what it asks for, and no consent screen is shown (native
        // clients always pass through this prompt, RFC 8252 8.6).
        const { grantId, session } = await provider.interactionDetails(req, res);
        const grant =
          (grantId && (await provider.Grant.find(grantId))) ||
          new provider.Grant({ clientId: String(params.client_id), accountId: session!.accountId });
        grant.addOIDCScope('openid offline_access profile jobbspar');
        grant.addOIDCClaims(['sub', 'name', 'preferred_username', ...JOBBSPAR_CLAIMS]);
        grant.addResourceScope(API_RESOURCE, API_SCOPE);
        return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      }
      const client = await provider.Client.find(String(params.client_id));
      res.type('html').send(
        loginPage({
          action: `${basePath}/interaction/${uid}/login`,
          clientName: client?.clientName ?? String(params.client_id),
          demoUsers: options.demo ? users.list() : undefined,
          demoPassword: DEMO_PASSWORD,
        }),
      );
    } catch (error) {
      next(error);
    }
  });

  app.post('/interaction/:uid/login', noStore, form, async (req, res, next) => {
    try {
      const { uid, prompt, params } = await provider.interactionDetails(req, res);
      if (prompt.name !== 'login') return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      const username = String(req.body?.username ?? '').trim();
      const user = users.authenticate(username, String(req.body?.password ?? ''));
      if (!user) {
        const client = await provider.Client.find(String(params.client_id));
        log('info', 'login failed', { username: username.slice(0, 64) });
        res
          .status(401)
          .type('html')
          .send(
            loginPage({
              action: `${basePath}/interaction/${uid}/login`,
              clientName: client?.clientName ?? String(params.client_id),
              username,
              error: 'Fel användarnamn eller lösenord / Wrong username or password',
              demoUsers: options.demo ? users.list() : undefined,
              demoPassword: DEMO_PASSWORD,
            }),
          );
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });

  if (options.managementSecret) mountManagement(app, users, options.managementSecret);

  app.use(provider.callback());
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    const expired = error instanceof errors.SessionNotFound;
    res
      .status(expired ? 400 : 500)
      .type('text')
      .send(expired ? 'The sign-in has expired or was already used; start again.' : 'Sign-in failed.');
    if (!expired) log('warn', 'identity provider error', { error: error.message });
  });
  return { issuer, users, handler: app };
}

/**
 * oidc-provider writes its start-up remarks with console.warn: that Node 20 is below its supported LTS (it runs
 * here and is tested on every run) and that sessions live in memory (by design: a restart logs everyone out).
 * They become structured log lines like everything else.
 */
async function quietly<T>(log: NonNullable<IdentityProviderOptions['log']>, action: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  console.warn = (...args: unknown[]) => log('info', 'oidc-provider', { remark: args.map(String).join(' ') });
  console.info = console.warn;
  try {
    return await action();
  } finally {
    Object.assign(console, { warn, info });
  }
}

/** Tests add users of their own organisations and delete users; a bearer secret of the run guards it. */
function mountManagement(app: Express, users: UserDirectory, secret: string): void {
  const admin = express.Router();
  admin.use((req, res, next) => {
    if (req.headers.authorization !== `Bearer ${secret}`) return void res.status(401).json({ message: 'management secret required' });
    next();
  });
  admin.post('/users', express.json({ limit: '16kb' }), (req, res) => {
    const body = req.body as { username?: string; name?: string; password?: string; roles?: Role[]; organisation?: OrganisationRecord };
    try {
      if (!body.organisation || !Array.isArray(body.roles) || !body.roles.every((r) => (ROLES as readonly string[]).includes(r))) {
        throw new Error('organisation and roles are required');
      }
      const user = users.add({
        username: String(body.username),
        name: String(body.name ?? body.username),
        password: String(body.password),
        roles: body.roles,
        organisation: body.organisation,
      });
      res.status(201).json({ id: user.id, username: user.username });
    } catch (error) {
      res.status(400).json({ message: (error as Error).message });
    }
  });
  admin.delete('/users/:id', (req, res) => void res.status(users.delete(req.params.id) ? 204 : 404).end());
  app.use('/_admin', admin);
}

export interface IdentityProviderServer extends IdentityProvider {
  port: number;
  stop(): Promise<void>;
}

/** Runs the provider on its own port on 127.0.0.1 (tests, `npm run stack`, the compose service). */
export async function startIdentityProvider(
  options: Omit<IdentityProviderOptions, 'issuer'> & {
    port?: number;
    issuer?: string;
    /** 127.0.0.1 unless a container must be reached from outside it (docker/compose.yml). */
    host?: string;
  },
): Promise<IdentityProviderServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const idp = await createIdentityProvider({ ...options, issuer: options.issuer ?? `http://127.0.0.1:${port}` });
  server.on('request', idp.handler);
  return {
    ...idp,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
