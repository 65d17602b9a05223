import type { JWTVerifyGetKey } from 'jose';
import { AuthConfig } from './auth-config';
import { InvalidClaimsError, Principal, principalFromClaims } from './principal';

/** Asymmetric signatures only: `none` and the HMAC family (a shared secret any service could forge with) never pass. */
export const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

const MAX_CACHED = 10_000;

/** Why a token was refused, for the `error_description` of WWW-Authenticate (never a secret). */
export class TokenRejected extends Error {}

/** The provider's keys could not be had (down, timeout, not a JWKS): 503, the token may well be good. */
export class IdentityProviderUnavailable extends Error {}

type Jose = typeof import('jose');
let jose: Promise<Jose> | undefined;
// jose 6 ships ES modules only; Node >= 20.19 require()s them, jest transpiles them (jest.config.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadJose = (): Promise<Jose> => (jose ??= Promise.resolve(require('jose') as Jose));

/**
 * Verifies bearer tokens with `jose`: signature against the issuer's JWKS (fetched once, cached, refetched for an
 * unknown `kid` at most every 30 s), `iss`, `aud`, `exp` and `nbf` (30 s leeway for clock skew), an allow-list of
 * algorithms; then reads the Jobbspår claims into a Principal.
 */
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;
  /**
   * Tokens already verified, exactly as received, until their `exp` (at most a minute): a browser sends the same
   * token with every request, and the signature check waits on the crypto thread pool behind the server's own I/O
   * (bench/auth.bench.ts measures both). A changed, forged or expired token is never a hit.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly config: AuthConfig) {}

  async verify(token: string): Promise<Principal> {
    const hit = this.verified.get(token);
    if (hit && hit.until > Date.now()) return hit.principal;
    const principal = await this.verifyAnew(token);
    if (this.verified.size >= MAX_CACHED) this.verified.clear();
    this.verified.set(token, { principal: principal.value, until: Math.min(principal.expiresAt, Date.now() + 60_000) });
    return principal.value;
  }

  private async verifyAnew(token: string): Promise<{ value: Principal; expiresAt: number }> {
    const { jwtVerify, errors } = await loadJose();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, await this.jwks(), {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: 30,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejected('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed)
        throw new TokenRejected(`the token's ${error.claim ?? 'registered'} claim is not accepted`);
      if (error instanceof errors.JWKSNoMatchingKey) throw new TokenRejected("no key of the issuer matches the token's kid");
      if (error instanceof errors.JWSSignatureVerificationFailed) throw new TokenRejected('the signature does not verify');
      if (error instanceof errors.JOSEAlgNotAllowed) throw new TokenRejected('the signing algorithm is not allowed');
      if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
        throw new TokenRejected('the token is malformed');
      }
      // The keys could not be fetched: not the caller's fault, and no reason to log her out.
      throw new IdentityProviderUnavailable((error as Error).message);
    }
    try {
      return { value: principalFromClaims(payload), expiresAt: (payload.exp as number) * 1000 };
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw new TokenRejected(error.message);
      throw error;
    }
  }

  private jwks(): Promise<JWTVerifyGetKey> {
    this.keys ??= (async () => {
      const { createRemoteJWKSet } = await loadJose();
      let uri = this.config.jwksUri;
      if (!uri) {
        uri = await this.discoverJwksUri().catch((error: Error) => {
          throw new IdentityProviderUnavailable(error.message);
        });
      }
      return createRemoteJWKSet(new URL(uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
    })().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discoverJwksUri(): Promise<string> {
    const response = await fetch(`${this.config.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`the OpenID provider's discovery document answered ${response.status}`);
    const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (document.issuer !== this.config.issuer)
      throw new Error(`the discovery document names issuer ${document.issuer}, not ${this.config.issuer}`);
    if (!document.jwks_uri) throw new Error('the discovery document has no jwks_uri');
    return document.jwks_uri;
  }
}
