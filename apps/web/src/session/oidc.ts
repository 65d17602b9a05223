/**
 * Logging in with the project's OpenID provider (or any other): authorization code with PKCE (S256), the public
 * client `jobbspar-web`, the callback at /signin/callback. The verifier and state wait in sessionStorage while the
 * browser is at the provider; the tokens live in sessionStorage too (gone with the tab), never in localStorage.
 */
import { LOGIN_SCOPE } from './scopes';

const PENDING = 'jobbspar.login';
export const CALLBACK_PATH = '/signin/callback';
const RESOURCE = 'urn:jobbspar:api';

interface AuthConfig {
  issuer: string;
  clientId: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

export interface Claims {
  sub: string;
  name?: string;
  preferred_username?: string;
  org: string;
  org_type: string;
  org_name?: string;
  roles: string[];
  tenant: string;
  municipalities: string[];
}

export interface LoginResult {
  accessToken: string;
  idToken?: string;
  expiresAt: number;
  claims: Claims;
  /** Her name for the page's header: the ID token's (the access token carries only a pseudonymous subject). */
  name?: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (n: number): string => base64url(crypto.getRandomValues(new Uint8Array(n)));

export function claimsOf(jwt: string): Claims {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    Array.from(atob(payload))
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Claims;
}

async function config(): Promise<AuthConfig & { discovery: Discovery }> {
  const auth = (await (await fetch('/auth/config')).json()) as AuthConfig;
  const discovery = (await (await fetch(`${auth.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
  return { ...auth, discovery };
}

/** Sends the browser to the provider's login page; it comes back to /signin/callback. */
export async function beginLogin(returnTo = '/'): Promise<void> {
  const { clientId, discovery } = await config();
  const verifier = random(32);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    scope: LOGIN_SCOPE,
    resource: RESOURCE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

/** On /signin/callback: checks the state and trades the code (with the verifier) for tokens. */
export async function completeLogin(search: string): Promise<LoginResult & { returnTo: string }> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'login failed');
  if (!pending || params.get('state') !== pending.state) throw new Error('the login answer does not belong to this browser tab');
  const { clientId, discovery } = await config();
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: `${location.origin}${CALLBACK_PATH}`,
      client_id: clientId,
      code_verifier: pending.verifier,
      resource: RESOURCE,
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; id_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error_description ?? `the token request answered ${response.status}`);
  return {
    accessToken: body.access_token,
    idToken: body.id_token,
    expiresAt: Date.now() + (body.expires_in ?? 0) * 1000,
    claims: claimsOf(body.access_token),
    name: nameOf(body.id_token),
    returnTo: pending.returnTo,
  };
}

/** Straight from the token endpoint over the back channel, so read for display without verifying it (OIDC Core 3.1.3.7). */
function nameOf(idToken: string | undefined): string | undefined {
  if (!idToken) return undefined;
  try {
    const claims = claimsOf(idToken) as Partial<Claims>;
    return claims.name ?? claims.preferred_username;
  } catch {
    return undefined;
  }
}

/** The provider's logout (ends its session too), back to the start page. */
export async function logoutUrl(idToken: string | undefined): Promise<string | undefined> {
  const { clientId, discovery } = await config();
  if (!discovery.end_session_endpoint) return undefined;
  const url = new URL(discovery.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: clientId,
    post_logout_redirect_uri: `${location.origin}/`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  return url.toString();
}
