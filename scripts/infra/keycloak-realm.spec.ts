import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_AUDIENCE, DOCS_CLIENT_ID, DOCS_SCOPES, principalFromClaims } from '@jobbspar/platform';
import { CLIENT_IDS, FOLLOW_UP_CLIENT_ID } from '../../apps/identity-provider/src/clients';
import { claimsOf, DEMO_USERS, subjectOf } from '../../apps/identity-provider/src/users';
import { LOGIN_SCOPE } from '../../apps/web/src/session/scopes';
import { ATTRIBUTE_CLAIMS, COMPOSE_FOLLOW_UP_SECRET, REALM, REALM_FILE, realmFileContent } from '../keycloak-realm';
import { KEYCLOAK_VERSION } from './keycloak';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Realm {
  realm: string;
  clientScopes: { name: string; protocolMappers: Mapper[] }[];
  clients: {
    clientId: string;
    publicClient: boolean;
    secret?: string;
    serviceAccountsEnabled: boolean;
    defaultClientScopes: string[];
    optionalClientScopes?: string[];
    redirectUris?: string[];
    protocolMappers?: Mapper[];
  }[];
  users: {
    id: string;
    username: string;
    firstName: string;
    lastName: string;
    credentials: { value: string }[];
    attributes: Record<string, string[]>;
  }[];
}

/**
 * docker/compose.yml can run Keycloak instead of the project's provider: its realm must log in the same demo users
 * and put the same claims in their tokens, or the services would see other people (or nobody) there.
 */
describe('the Keycloak realm of docker/compose.yml', () => {
  const root = path.resolve(__dirname, '..', '..');
  const text = readFileSync(path.join(root, REALM_FILE), 'utf8');
  const realm = JSON.parse(text) as Realm;
  const scope = realm.clientScopes.find((s) => s.name === 'jobbspar')!;

  /**
   * The claims Keycloak puts in a user's access token, as its mappers are configured: `sub` (the user id) only through
   * a subject mapper (Keycloak 25+ has it in its built-in `basic` scope, which a realm listing its own scopes lacks:
   * a real Keycloak 26.7 issued tokens without a subject), the rest from her attributes.
   */
  function tokenClaims(user: Realm['users'][number]): Record<string, unknown> {
    const subject = scope.protocolMappers.find((m) => m.protocolMapper === 'oidc-sub-mapper');
    const claims: Record<string, unknown> = subject?.config['access.token.claim'] === 'true' ? { sub: user.id } : {};
    for (const m of scope.protocolMappers.filter((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper')) {
      expect(m.config['access.token.claim']).toBe('true');
      expect(m.config['id.token.claim']).toBe('true');
      const values = user.attributes[m.config['user.attribute']];
      if (values === undefined) continue;
      claims[m.config['claim.name']] = m.config.multivalued === 'true' ? values : values[0];
    }
    return claims;
  }

  it('names only client scopes it defines, and redirect URIs Keycloak can match (its wildcard is a trailing *, never a port)', () => {
    // Keycloak ignores a default scope the realm does not define (it warned "Referenced client scope 'profile'
    // doesn't exist"), and compares a loopback redirect URI registered without a port on any port (RFC 8252 7.3).
    const defined = new Set(realm.clientScopes.map((s) => s.name));
    for (const client of realm.clients) {
      expect({ client: client.clientId, undefined: client.defaultClientScopes.filter((s) => !defined.has(s)) }).toEqual({
        client: client.clientId,
        undefined: [],
      });
      for (const uri of client.redirectUris ?? []) {
        expect({ uri, portWildcard: /:\*/.test(uri), wildcardInside: /\*./.test(uri) }).toEqual({
          uri,
          portWildcard: false,
          wildcardInside: false,
        });
      }
    }
  });

  it('admits every scope the web app and Swagger UI ask for at login (Keycloak refuses the whole login for one it lacks)', () => {
    // Found by `npm run check:keycloak` signing in to the web app: "invalid_scope: Invalid scopes: openid profile
    // jobbspar api" — the realm had no `api` scope, so nobody could log in to the web app or /docs against Keycloak.
    const defined = new Set(realm.clientScopes.map((s) => s.name));
    const asked = [
      { clientId: CLIENT_IDS.web, scopes: LOGIN_SCOPE.split(' ') },
      { clientId: DOCS_CLIENT_ID, scopes: DOCS_SCOPES },
    ];
    expect(CLIENT_IDS.docs).toBe(DOCS_CLIENT_ID);
    for (const { clientId, scopes } of asked) {
      const client = realm.clients.find((c) => c.clientId === clientId)!;
      const admitted = new Set([...client.defaultClientScopes, ...(client.optionalClientScopes ?? [])].filter((s) => defined.has(s)));
      // `openid` is Keycloak's own, never a client scope.
      expect({ clientId, refused: scopes.filter((s) => s !== 'openid' && !admitted.has(s)) }).toEqual({ clientId, refused: [] });
    }
  });

  it('is what `npm run keycloak-realm` writes from the demo users today', () => {
    expect(text).toBe(realmFileContent());
  });

  it('holds every demo user, and no one else, under her own subject and password', () => {
    expect(realm.users.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    for (const demo of DEMO_USERS) {
      const user = realm.users.find((u) => u.username === demo.username)!;
      expect({ username: demo.username, id: user.id }).toEqual({ username: demo.username, id: subjectOf(demo.username) });
      expect(`${user.firstName} ${user.lastName}`).toBe(demo.name);
      expect(user.credentials.map((c) => c.value)).toEqual([demo.password]);
    }
  });

  it("gives each user's access and ID tokens the claims the project's provider gives her, which the services accept", () => {
    for (const demo of DEMO_USERS) {
      const user = realm.users.find((u) => u.username === demo.username)!;
      const claims = tokenClaims(user);
      const expected = { sub: subjectOf(demo.username), ...claimsOf({ ...demo, id: subjectOf(demo.username) }) };
      expect({ user: demo.username, claims }).toEqual({ user: demo.username, claims: expected });
      expect(principalFromClaims(claims).roles).toEqual(demo.roles);
    }
    expect(ATTRIBUTE_CLAIMS.map((c) => c.claim).sort()).toEqual(Object.keys(claimsOf({ ...DEMO_USERS[0], id: 'x' })).sort());
  });

  it('issues tokens for the API audience to the same clients, and follow-up-service its service identity', () => {
    const audience = (mappers: Mapper[] = []) =>
      mappers.find((m) => m.protocolMapper === 'oidc-audience-mapper')?.config['included.custom.audience'];
    expect(audience(scope.protocolMappers)).toBe(DEFAULT_AUDIENCE);
    for (const clientId of Object.values(CLIENT_IDS)) {
      const client = realm.clients.find((c) => c.clientId === clientId)!;
      expect({ clientId, public: client.publicClient, scopes: client.defaultClientScopes }).toEqual({
        clientId,
        public: true,
        scopes: expect.arrayContaining(['jobbspar']),
      });
    }
    const followUp = realm.clients.find((c) => c.clientId === FOLLOW_UP_CLIENT_ID)!;
    expect(followUp).toMatchObject({ publicClient: false, serviceAccountsEnabled: true, secret: COMPOSE_FOLLOW_UP_SECRET });
    expect(audience(followUp.protocolMappers)).toBe(DEFAULT_AUDIENCE);
    const service = followUp.protocolMappers!.find((m) => m.protocolMapper === 'oidc-hardcoded-claim-mapper')!.config;
    expect(
      principalFromClaims({ sub: 'service-account-jobbspar-follow-up', [service['claim.name']]: service['claim.value'] }).service,
    ).toBe('follow-up-service');
  });

  it('is imported by the keycloak service of docker/compose.yml, of the version the check runs, whose follow-up secret is the other provider’s default', () => {
    const compose = readFileSync(path.join(root, 'docker', 'compose.yml'), 'utf8');
    expect(compose).toContain(`'./keycloak/jobbspar-realm.json:/opt/keycloak/data/import/jobbspar-realm.json:ro'`);
    // The version `npm run check:keycloak` runs the realm against, and the realm the services are pointed at.
    expect(compose).toContain(`image: quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}\n`);
    expect(realm.realm).toBe(REALM);
    expect(compose).toContain(`OIDC_ISSUER=http://127.0.0.1:8080/realms/${REALM},`);
    expect(compose).toContain('--import-realm');
    expect(compose).toContain(`FOLLOW_UP_CLIENT_SECRET:-${COMPOSE_FOLLOW_UP_SECRET}`);
  });
});
