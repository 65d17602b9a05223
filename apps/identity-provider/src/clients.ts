import type { ClientMetadata } from 'oidc-provider';

/** The resource indicator of the Jobbspår API: access tokens for it are JWTs with `aud` = the API audience. */
export const API_RESOURCE = 'urn:jobbspar:api';
export const API_SCOPE = 'api';

/**
 * Public clients (no secret: a browser or a terminal cannot keep one), authorization code with PKCE only. They are
 * registered as `native` so that a loopback redirect URI matches on any port (RFC 8252 7.3): `npm start`, the
 * distributed stack and the tests all run on ports chosen at start-up. A deployment on a real origin registers
 * its exact redirect URIs instead (OIDC_WEB_REDIRECT_URIS, or its own provider).
 */
function publicClient(clientId: string, name: string, paths: string[], extra: string[] = []): ClientMetadata {
  return {
    client_id: clientId,
    client_name: name,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...paths.flatMap((p) => [`http://127.0.0.1${p}`, `http://localhost${p}`]), ...extra],
    post_logout_redirect_uris: ['http://127.0.0.1/', 'http://localhost/', ...extra.map((uri) => new URL('/', uri).toString())],
  };
}

export const CLIENT_IDS = { web: 'jobbspar-web', docs: 'jobbspar-docs', cli: 'jobbspar-cli' } as const;

export function clients(webRedirectUris: string[] = []): ClientMetadata[] {
  return [
    // The web app (issue 12): its callback lives under the app's origin.
    publicClient(CLIENT_IDS.web, 'Jobbspår', ['/', '/signin/callback'], webRedirectUris),
    // Swagger UI at /docs: its oauth2-redirect page, on every service's port and the one-process port.
    publicClient(CLIENT_IDS.docs, 'Jobbspår API docs', ['/docs/oauth2-redirect.html']),
    // `npm run token`, the demo seed and the tests: the code is read from the redirect, nothing listens there.
    publicClient(CLIENT_IDS.cli, 'Jobbspår command line', ['/callback']),
  ];
}

/** A service acting as itself: a confidential client with a secret, client credentials only, named by its `service` claim. */
export interface ServiceClient {
  clientId: string;
  secret: string;
  /** The `service` claim of its tokens, which the services' policies name (`follow-up-service`). */
  service: string;
}

export const FOLLOW_UP_CLIENT_ID = 'jobbspar-follow-up';

export function serviceClientMetadata(client: ServiceClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.secret,
    client_name: client.service,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}
