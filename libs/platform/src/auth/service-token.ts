import type { AuthConfig } from './auth-config';

/**
 * The service's own access token (OAuth 2.0 client credentials, RFC 6749 4.4) for calls it makes as itself, not
 * on behalf of a user: follow-up-service reading candidate-service's protected aggregates. Cached until a minute
 * before it expires. The token endpoint comes from the issuer's discovery document.
 */
export class ServiceTokenSource {
  private cached?: { token: string; renewAt: number };
  private endpoint?: Promise<string>;

  constructor(private readonly config: AuthConfig) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    const client = this.config.serviceClient;
    if (!client) throw new Error('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set: this service has no identity of its own');
    const response = await fetch(await this.tokenEndpoint(), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the token endpoint answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { access_token: string; expires_in?: number };
    this.cached = { token: body.access_token, renewAt: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000 };
    return body.access_token;
  }

  private tokenEndpoint(): Promise<string> {
    this.endpoint ??= (async () => {
      if (this.config.tokenEndpoint) return this.config.tokenEndpoint;
      const response = await fetch(`${this.config.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`the discovery document answered ${response.status}`);
      const { token_endpoint } = (await response.json()) as { token_endpoint?: string };
      if (!token_endpoint) throw new Error('the discovery document names no token_endpoint');
      return token_endpoint;
    })().catch((error: unknown) => {
      this.endpoint = undefined;
      throw error;
    });
    return this.endpoint;
  }
}
