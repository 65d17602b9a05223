import { createHash, randomBytes } from 'node:crypto';
import { API_RESOURCE, CLIENT_IDS } from './clients';

export interface LoginOptions {
  issuer: string;
  username: string;
  password: string;
  clientId?: string;
  /** Where the provider sends the code; nothing needs to listen there, the redirect is read, not followed. */
  redirectUri?: string;
  scope?: string;
}

export interface Tokens {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
}

export class LoginFailed extends Error {}

/** A tiny cookie jar: the provider keeps the interaction in cookies between the redirects. */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const base64url = (b: Buffer): string => b.toString('base64url');

/**
 * Logs a user in over plain HTTP exactly as a browser would — authorization request with PKCE (S256), the
 * provider's login form, the redirect with the code, the token request with the verifier — and returns her
 * tokens. The login form is found in the page (its action, `username` and `password` fields), so this works with
 * the project's provider and with other providers whose form looks the same (Keycloak's does).
 */
export async function loginWithPassword(options: LoginOptions): Promise<Tokens> {
  const issuer = options.issuer.replace(/\/$/, '');
  const clientId = options.clientId ?? CLIENT_IDS.cli;
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1/callback';
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const state = base64url(randomBytes(12));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid profile jobbspar api',
    resource: API_RESOURCE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();

  const cookies = new Cookies();
  const step = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: cookies.header() } });
    cookies.take(response);
    return response;
  };

  let response = await step(authorize.toString());
  let url = authorize.toString();
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      if (url.startsWith(redirectUri)) break;
      response = await step(url);
      continue;
    }
    if (response.status !== 200) throw new LoginFailed(`the provider answered ${response.status} at ${new URL(url).pathname}`);
    const page = await response.text();
    const action = page.match(/<form[^>]*action="([^"]+)"/i)?.[1];
    if (!action || !/name="password"/.test(page)) throw new LoginFailed(`no login form at ${new URL(url).pathname}`);
    response = await step(new URL(action.replace(/&amp;/g, '&'), url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
    });
    if (response.status === 200 || response.status === 401) throw new LoginFailed(`${options.username}: wrong username or password`);
  }
  const callback = new URL(url);
  if (!url.startsWith(redirectUri)) throw new LoginFailed('the provider never redirected back with a code');
  if (callback.searchParams.get('error')) {
    throw new LoginFailed(`${callback.searchParams.get('error')}: ${callback.searchParams.get('error_description') ?? ''}`);
  }
  if (callback.searchParams.get('state') !== state) throw new LoginFailed('the state came back changed');
  const code = callback.searchParams.get('code');
  if (!code) throw new LoginFailed('no code in the redirect');

  const token = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
      resource: API_RESOURCE,
    }).toString(),
  });
  const body = (await token.json()) as {
    access_token?: string;
    id_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (!token.ok || !body.access_token)
    throw new LoginFailed(`token request failed: ${body.error ?? token.status} ${body.error_description ?? ''}`);
  return { accessToken: body.access_token, idToken: body.id_token, expiresIn: body.expires_in ?? 0 };
}
