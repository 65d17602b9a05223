/*
 * `npm run keycloak-realm`: writes docker/keycloak/jobbspar-realm.json, the Keycloak realm that docker/compose.yml
 * imports under its `keycloak` profile, from the project's own provider's demo users and clients
 * (apps/identity-provider), so that both providers issue the same subjects and claims (docs/access-control.md).
 * scripts/infra/keycloak-realm.spec.ts holds the file equal to what this generates and to the demo users.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@jobbspar/infra';
import { CLAIMS, DEFAULT_AUDIENCE } from '@jobbspar/platform';
import { CLIENT_IDS, FOLLOW_UP_CLIENT_ID } from '../apps/identity-provider/src/clients';
import { claimsOf, DEMO_USERS, subjectOf } from '../apps/identity-provider/src/users';

export const REALM = 'jobbspar';
export const REALM_FILE = path.join('docker', 'keycloak', 'jobbspar-realm.json');
/** The compose default; the follow-up client's secret is overridden with FOLLOW_UP_CLIENT_SECRET as for the other provider. */
export const COMPOSE_FOLLOW_UP_SECRET = 'compose-follow-up-secret';

/** User attributes that become token claims, multivalued ones as JSON arrays (the access and ID tokens alike). */
export const ATTRIBUTE_CLAIMS: readonly { claim: string; multivalued: boolean }[] = [
  { claim: CLAIMS.organisation, multivalued: false },
  { claim: CLAIMS.organisationType, multivalued: false },
  { claim: 'org_name', multivalued: false },
  { claim: CLAIMS.roles, multivalued: true },
  { claim: CLAIMS.tenant, multivalued: false },
  { claim: CLAIMS.municipalities, multivalued: true },
];

type Json = Record<string, unknown>;

function attributeMapper({ claim, multivalued }: { claim: string; multivalued: boolean }): Json {
  return {
    name: claim,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-usermodel-attribute-mapper',
    consentRequired: false,
    config: {
      'user.attribute': claim,
      'claim.name': claim,
      'jsonType.label': 'String',
      multivalued: String(multivalued),
      'access.token.claim': 'true',
      'id.token.claim': 'true',
      'userinfo.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  };
}

const audienceMapper: Json = {
  name: 'jobbspar-api audience',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  consentRequired: false,
  config: { 'included.custom.audience': DEFAULT_AUDIENCE, 'access.token.claim': 'true', 'id.token.claim': 'false' },
};

const subjectMapper: Json = {
  name: 'sub',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-sub-mapper',
  consentRequired: false,
  config: { 'access.token.claim': 'true', 'introspection.token.claim': 'true' },
};

function publicClient(clientId: string, name: string, redirectPaths: string[]): Json {
  return {
    clientId,
    name,
    enabled: true,
    publicClient: true,
    standardFlowEnabled: true,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    protocol: 'openid-connect',
    // Any loopback port, as the project's provider allows for native clients (RFC 8252 7.3): Keycloak ignores the port
    // of a loopback redirect URI registered without one. (`http://127.0.0.1:*/…` is no wildcard to Keycloak, which
    // refused every login with invalid_redirect_uri; found against a real Keycloak 26.7.)
    redirectUris: redirectPaths.flatMap((p) => [`http://127.0.0.1${p}`, `http://localhost${p}`]),
    // The redirect URIs' origins, and the compose front's (the web app's token requests are cross-origin).
    webOrigins: ['+', 'http://127.0.0.1:3000', 'http://localhost:3000'],
    attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': 'http://127.0.0.1/##http://localhost/' },
    defaultClientScopes: ['jobbspar', 'profile'],
    // Asked for by the web app and Swagger UI (the project's provider's resource scope): Keycloak refuses a login that
    // asks for a scope the client lacks (invalid_scope; the web app could not log in before this).
    optionalClientScopes: ['api'],
  };
}

/** The realm, from the demo users and clients of apps/identity-provider. */
export function keycloakRealm(): Json {
  return {
    realm: REALM,
    enabled: true,
    // Short-lived access tokens as the project's provider issues them; RS256 is in the services' allow-list.
    accessTokenLifespan: 300,
    defaultSignatureAlgorithm: 'RS256',
    // The claims are user attributes the user profile does not declare: Keycloak 24+ keeps those only when allowed.
    components: {
      'org.keycloak.userprofile.UserProfileProvider': [
        {
          providerId: 'declarative-user-profile',
          subComponents: {},
          config: {
            'kc.user.profile.config': [
              JSON.stringify({
                attributes: [
                  { name: 'username', displayName: '${username}', permissions: { view: ['admin', 'user'], edit: ['admin'] } },
                  { name: 'email', displayName: '${email}', permissions: { view: ['admin', 'user'], edit: ['admin'] } },
                  { name: 'firstName', displayName: '${firstName}', permissions: { view: ['admin', 'user'], edit: ['admin'] } },
                  { name: 'lastName', displayName: '${lastName}', permissions: { view: ['admin', 'user'], edit: ['admin'] } },
                ],
                unmanagedAttributePolicy: 'ADMIN_VIEW',
              }),
            ],
          },
        },
      ],
    },
    clientScopes: [
      {
        name: 'jobbspar',
        protocol: 'openid-connect',
        attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'false' },
        // `sub` too: Keycloak 25+ adds it only through its built-in `basic` scope, which a realm that lists its own
        // client scopes does not get (the access tokens had no subject, and the services refuse those).
        protocolMappers: [...ATTRIBUTE_CLAIMS.map(attributeMapper), audienceMapper, subjectMapper],
      },
      {
        // The API as a resource, as the project's provider names it: the audience comes with `jobbspar` already.
        name: 'api',
        protocol: 'openid-connect',
        attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'false' },
        protocolMappers: [],
      },
      {
        // What the web app shows of who is logged in (the ID token's name and preferred_username).
        name: 'profile',
        protocol: 'openid-connect',
        attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'false' },
        protocolMappers: [
          {
            name: 'full name',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-full-name-mapper',
            consentRequired: false,
            config: { 'id.token.claim': 'true', 'access.token.claim': 'false', 'userinfo.token.claim': 'true' },
          },
          {
            name: 'username',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-usermodel-property-mapper',
            consentRequired: false,
            config: {
              'user.attribute': 'username',
              'claim.name': 'preferred_username',
              'jsonType.label': 'String',
              'id.token.claim': 'true',
              'access.token.claim': 'false',
              'userinfo.token.claim': 'true',
            },
          },
        ],
      },
    ],
    clients: [
      publicClient(CLIENT_IDS.web, 'Jobbspår', ['/', '/signin/callback']),
      publicClient(CLIENT_IDS.docs, 'Jobbspår API docs', ['/docs/oauth2-redirect.html']),
      publicClient(CLIENT_IDS.cli, 'Jobbspår command line', ['/callback']),
      {
        clientId: FOLLOW_UP_CLIENT_ID,
        name: 'follow-up-service',
        enabled: true,
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        secret: COMPOSE_FOLLOW_UP_SECRET,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: true,
        protocol: 'openid-connect',
        defaultClientScopes: [],
        // A service acting as itself: the `service` claim, no roles, no tenant (libs/platform principal.ts).
        protocolMappers: [
          audienceMapper,
          {
            name: 'service',
            protocol: 'openid-connect',
            protocolMapper: 'oidc-hardcoded-claim-mapper',
            consentRequired: false,
            config: {
              'claim.name': CLAIMS.service,
              'claim.value': 'follow-up-service',
              'jsonType.label': 'String',
              'access.token.claim': 'true',
            },
          },
        ],
      },
    ],
    users: DEMO_USERS.map((user) => {
      const [firstName, ...rest] = user.name.split(' ');
      const claims = claimsOf({ ...user, id: subjectOf(user.username) });
      return {
        // The same pseudonymous subject as the project's provider gives her: `sub` is the user id.
        id: subjectOf(user.username),
        username: user.username,
        firstName,
        lastName: rest.join(' '),
        enabled: true,
        emailVerified: false,
        credentials: [{ type: 'password', value: user.password, temporary: false }],
        attributes: Object.fromEntries(
          ATTRIBUTE_CLAIMS.map(({ claim }) => {
            const value = claims[claim];
            return [claim, Array.isArray(value) ? value.map(String) : [String(value)]];
          }),
        ),
      };
    }),
  };
}

export function realmFileContent(): string {
  return `${JSON.stringify(keycloakRealm(), null, 2)}\n`;
}

if (require.main === module) {
  const target = path.join(repoRoot(__dirname), REALM_FILE);
  writeFileSync(target, realmFileContent());
  process.stdout.write(`wrote ${REALM_FILE} (${DEMO_USERS.length} users)\n`);
}
