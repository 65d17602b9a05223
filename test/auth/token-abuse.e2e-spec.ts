import 'reflect-metadata';
import { TokenRejected, TokenVerifier } from '@jobbspar/platform';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import request from 'supertest';
import { as, demoToken, testAuthConfig } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const headerOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());

/**
 * Tokens that must never pass: against the run's real provider (a real service behind the platform's guard, its
 * keys fetched from the provider's JWKS) and, for the time-based and registered-claim cases, against an issuer of
 * this suite whose private key the test holds, so that only the one claim under test is wrong.
 */
describe('token abuse: every bad token is a 401 with WWW-Authenticate, never a 2xx', () => {
  let stack: TestStack;
  const http = () => stack.apps.employer!.getHttpServer();
  const real = demoToken('coordinator.fh');
  let providerKid: string;

  beforeAll(async () => {
    stack = await startStack(['employer']);
    const jwks = (await (await fetch(`${testAuthConfig().issuer}/jwks`)).json()) as { keys: JWK[] };
    providerKid = jwks.keys[0].kid!;
  });
  afterAll(() => stack.close());

  const refused = async (token: string, because: RegExp) => {
    const res = await request(http()).get('/needs').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="jobbspar", error="invalid_token", error_description="/);
    expect(res.body.message).toMatch(because);
  };

  it('accepts the real token of a real user (the control case)', async () => {
    await request(http()).get('/needs').set(as('coordinator.fh')).expect(200);
  });

  it('refuses no token and a header that is not Bearer with a plain Bearer challenge', async () => {
    const none = await request(http()).get('/needs').expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="jobbspar"');
    const basic = await request(http()).get('/needs').set('authorization', 'Basic YWRtaW46ZGVtbw==').expect(401);
    expect(basic.headers['www-authenticate']).toBe('Bearer realm="jobbspar"');
  });

  it('refuses alg none, even with the real claims and kid', async () => {
    await refused(`${b64({ alg: 'none', typ: 'JWT', kid: providerKid })}.${real.split('.')[1]}.`, /not allowed|malformed/);
  });

  it('refuses a token signed with a forged key under the provider kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claimsOf(real)).setProtectedHeader({ alg: 'RS256', kid: providerKid }).sign(privateKey);
    await refused(forged, /signature does not verify/);
  });

  it('refuses the real token with a changed claim (a coordinator promoting herself to admin)', async () => {
    const [header, , signature] = real.split('.');
    await refused(`${header}.${b64({ ...claimsOf(real), roles: ['admin'] })}.${signature}`, /signature does not verify/);
  });

  it('refuses an unknown kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claimsOf(real)).setProtectedHeader({ alg: 'RS256', kid: 'not-a-key-of-the-issuer' }).sign(privateKey);
    await refused(token, /no key of the issuer matches/);
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify((await (await fetch(`${testAuthConfig().issuer}/jwks`)).json()).keys[0]));
    const token = await new SignJWT(claimsOf(real)).setProtectedHeader({ alg: 'HS256', kid: providerKid }).sign(secret);
    await refused(token, /not allowed/);
  });

  it('refuses garbage', async () => {
    await refused('abc.def.ghi', /malformed/);
    expect(headerOf(real).alg).toBe('RS256');
  });

  describe('one registered claim wrong at a time, signed by a key the verifier trusts', () => {
    let server: Server;
    let issuer: string;
    let sign: (claims: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;
    let verifier: TokenVerifier;
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'suite-key', alg: 'ES256', use: 'sig' };
      server = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(req.url?.endsWith('/jwks') ? { keys: [jwk] } : {}));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      verifier = new TokenVerifier({ issuer, audience: 'jobbspar-api', jwksUri: `${issuer}/jwks` });
      const base = claimsOf(real);
      sign = (claims, header = {}) =>
        new SignJWT({ ...base, iss: issuer, aud: 'jobbspar-api', iat: now(), exp: now() + 600, nbf: undefined, ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: 'suite-key', ...header })
          .sign(privateKey);
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const rejects = async (token: string, because: RegExp) => {
      const error = await verifier.verify(token).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TokenRejected);
      expect((error as Error).message).toMatch(because);
    };

    it('accepts the well-formed control token and reads the principal from it', async () => {
      const principal = await verifier.verify(await sign({}));
      expect(principal.organisation.id).toBe('cooperation:familjen-helsingborg');
      expect(principal.roles).toEqual(['coordinator']);
    });

    it('refuses an expired token (beyond the 30 s leeway), and one not yet valid', async () => {
      await rejects(await sign({ exp: now() - 31, iat: now() - 900 }), /expired/);
      await rejects(await sign({ nbf: now() + 120 }), /nbf/);
    });

    it('refuses a wrong issuer and a wrong audience', async () => {
      await rejects(await sign({ iss: 'http://127.0.0.1:1/other' }), /iss/);
      await rejects(await sign({ aud: 'some-other-api' }), /aud/);
    });

    it('refuses a token without exp or with claims that do not name an organisation and roles', async () => {
      await rejects(await sign({ exp: undefined }), /exp/);
      await rejects(await sign({ org: 'galaxy:far-away' }), /org/);
      await rejects(await sign({ roles: ['root'] }), /roles/);
      await rejects(await sign({ tenant: 'everything' }), /tenant/);
    });

    it("refuses the run's real provider's token: another issuer", async () => {
      await rejects(real, /iss|no key/);
    });
  });
});
