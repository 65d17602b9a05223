import type { AuthConfig, Role } from '@jobbspar/platform';
import { DEFAULT_AUDIENCE, ServiceTokenSource } from '@jobbspar/platform';
import { FOLLOW_UP_CLIENT_ID } from '../../apps/identity-provider/src/clients';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { loginWithPassword } from '../../apps/identity-provider/src/login-client';
import type { OrganisationRecord } from '../../apps/identity-provider/src/organisations';

/**
 * Tokens of real users of the run's OpenID provider (test/setup/global-setup.ts). The demo users logged in once
 * for the whole run; users a suite creates for its own organisations log in once per worker.
 */
export function testAuthConfig(): AuthConfig {
  const issuer = process.env.TEST_OIDC_ISSUER;
  if (!issuer) throw new Error('integration tests need the jest global setup (run them through npm test)');
  // follow-up-service's own client; the other services have no use for it.
  const secret = process.env.TEST_FOLLOW_UP_CLIENT_SECRET;
  return { issuer, audience: DEFAULT_AUDIENCE, serviceClient: secret ? { id: FOLLOW_UP_CLIENT_ID, secret } : undefined };
}

/** An access token of a service acting as itself (client credentials), as the service itself would get it. */
export async function serviceToken(service: 'follow-up-service'): Promise<string> {
  if (service !== 'follow-up-service') throw new Error(`no client for ${service}`);
  return new ServiceTokenSource(testAuthConfig()).token();
}

export type DemoUser =
  | 'admin.skane'
  | 'admin.vg'
  | 'analyst.skane'
  | 'analyst.fh'
  | 'analyst.vg'
  | 'coordinator.fh'
  | 'coordinator.skovde'
  | 'coordinator.af'
  | 'hr.skovde'
  | 'hr.helsingborg'
  | 'hr.landskrona'
  | 'employer.skovde'
  | 'employer.sundet'
  | 'employer.omsorg'
  | 'employer.lager'
  | 'supervisor.skovde'
  | 'supervisor.helsingborg'
  | 'supervisor.landskrona'
  | 'supervisor.omsorg'
  | 'supervisor.lager'
  | 'supervisor.sundet';

let demoTokens: Record<string, string> | undefined;

/** The access token of a demo user (apps/identity-provider/src/users.ts). */
export function demoToken(user: DemoUser): string {
  demoTokens ??= JSON.parse(process.env.TEST_DEMO_TOKENS ?? '{}') as Record<string, string>;
  const token = demoTokens[user];
  if (!token) throw new Error(`no token for ${user}: is the jest global setup running?`);
  return token;
}

/** `{ authorization: 'Bearer …' }` of a demo user, for supertest's `.set()`. */
export function as(user: DemoUser): { authorization: string } {
  return { authorization: `Bearer ${demoToken(user)}` };
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export interface TestUser {
  id: string;
  username: string;
  token: string;
  headers: { authorization: string };
}

async function manage(method: string, path: string, body?: unknown): Promise<Response> {
  const { issuer } = testAuthConfig();
  return fetch(`${issuer}/_admin${path}`, {
    method,
    headers: { authorization: `Bearer ${process.env.TEST_OIDC_MANAGEMENT_SECRET}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A new user of the provider, logged in through the real flow. */
export async function createUser(organisation: OrganisationRecord, roles: Role[]): Promise<TestUser> {
  const username = `t.${randomBytes(6).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const created = await manage('POST', '/users', { username, name: 'Test User', password, roles, organisation });
  if (created.status !== 201) throw new Error(`creating a test user failed: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const { accessToken } = await loginWithPassword({ issuer: testAuthConfig().issuer, username, password });
  return { id, username, token: accessToken, headers: bearer(accessToken) };
}

export async function deleteUser(user: TestUser): Promise<void> {
  const res = await manage('DELETE', `/users/${user.id}`);
  if (res.status !== 204) throw new Error(`deleting ${user.username} failed: ${res.status}`);
}

/** An employer organisation for a suite's own employer (its organisation number), in the given region. */
export function employerOrganisation(organisationNumber: string, municipality: string, tenant: string): OrganisationRecord {
  return { id: `employer:${organisationNumber}`, type: 'employer', name: 'Test employer', tenant, municipalities: [municipality] };
}

type Server = Parameters<typeof request>[0];

/**
 * supertest with a user's token on every request; `.set(as(other))` on one request overrides it. Requests that
 * must go without a token use supertest itself.
 */
export function authed(server: Server, headers: { authorization: string }) {
  const agent = request(server);
  return {
    get: (url: string) => agent.get(url).set(headers),
    post: (url: string) => agent.post(url).set(headers),
    put: (url: string) => agent.put(url).set(headers),
    patch: (url: string) => agent.patch(url).set(headers),
    delete: (url: string) => agent.delete(url).set(headers),
  };
}

/** The actor a demo user's requests record in events and rows: `<first role>:<subject>`, from her token. */
export function actor(user: DemoUser): string {
  const claims = JSON.parse(Buffer.from(demoToken(user).split('.')[1], 'base64url').toString()) as { sub: string; roles: string[] };
  return `${claims.roles[0]}:${claims.sub}`;
}
