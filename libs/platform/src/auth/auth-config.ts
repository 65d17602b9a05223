import { ConfigError, EnvReader } from '../config/env';

/** Where tokens come from and whom they must be for. Any standard OpenID Connect provider fits. */
export interface AuthConfig {
  /** The `iss` every token must carry; its discovery document names the keys unless `jwksUri` does. */
  issuer: string;
  /** The `aud` every token must carry. */
  audience: string;
  /** Where to fetch the signing keys when the services reach the provider at another address than the issuer
   * (docker/compose.yml: the browser sees 127.0.0.1, the containers see the service name). */
  jwksUri?: string;
  /** The service's own client (client credentials), for calls it makes as itself rather than for a user. */
  serviceClient?: { id: string; secret: string };
  /** The token endpoint, when the service reaches the provider at another address than the issuer. */
  tokenEndpoint?: string;
}

export const DEFAULT_AUDIENCE = 'jobbspar-api';

function url(env: EnvReader, name: string): string | undefined {
  const raw = env.optional(name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/$/, '');
}

/** OIDC_ISSUER (required unless a default is given), OIDC_AUDIENCE, OIDC_JWKS_URI, OIDC_CLIENT_ID + OIDC_CLIENT_SECRET,
 * OIDC_TOKEN_ENDPOINT. */
export function readAuthConfig(env: EnvReader, defaults: { issuer?: string } = {}): AuthConfig {
  const issuer = url(env, 'OIDC_ISSUER') ?? defaults.issuer;
  if (!issuer) throw new ConfigError('OIDC_ISSUER', 'is required: the OpenID Connect provider whose tokens the service accepts');
  const clientId = env.optional('OIDC_CLIENT_ID');
  const clientSecret = env.optional('OIDC_CLIENT_SECRET');
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new ConfigError(
      clientId === undefined ? 'OIDC_CLIENT_ID' : 'OIDC_CLIENT_SECRET',
      "is required with the other one: the service's own client",
    );
  }
  return {
    issuer,
    audience: env.string('OIDC_AUDIENCE', DEFAULT_AUDIENCE),
    jwksUri: url(env, 'OIDC_JWKS_URI'),
    serviceClient: clientId !== undefined && clientSecret !== undefined ? { id: clientId, secret: clientSecret } : undefined,
    tokenEndpoint: url(env, 'OIDC_TOKEN_ENDPOINT'),
  };
}
