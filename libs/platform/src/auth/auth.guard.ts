import { CanActivate, ExecutionContext, ServiceUnavailableException, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JsonLogger } from '../logging/json-logger';
import { perRoute } from './per-route';
import { Principal } from './principal';
import { IdentityProviderUnavailable, TokenRejected, TokenVerifier } from './token-verifier';

export const PUBLIC = 'jobbspar:public';
/** A route anyone may call without a token: only /health (and /openapi.json, /docs, served outside Nest's routes). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

export const REALM = 'jobbspar';

const publicRoutes = perRoute<boolean>();

export function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return publicRoutes(context, (controller, handler) => reflector.getAllAndOverride<boolean>(PUBLIC, [handler, controller]) === true);
}

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Why a request carries no usable identity: what AuthGuard answers (401 or 503), or none for a valid token. */
export type Authentication =
  { principal: Principal } | { refused: UnauthorizedException | ServiceUnavailableException; challenge?: string };

const authentications = new WeakMap<object, Promise<Authentication>>();

/**
 * Verifies the request's bearer token once per request, however many guards ask: the rate limiter (which keys on
 * the verified subject, and on the address when there is none) runs before AuthGuard and asks first.
 */
export function authenticate(request: FastifyRequest, verifier: TokenVerifier, logger?: JsonLogger): Promise<Authentication> {
  let result = authentications.get(request);
  if (!result) {
    result = verifyRequest(request, verifier, logger);
    authentications.set(request, result);
  }
  return result;
}

async function verifyRequest(request: FastifyRequest, verifier: TokenVerifier, logger?: JsonLogger): Promise<Authentication> {
  const header = request.headers.authorization;
  const token = header?.match(/^Bearer ([A-Za-z0-9\-._~+/]+=*)$/)?.[1];
  if (!token) {
    return {
      refused: new UnauthorizedException(header ? 'the Authorization header is not "Bearer <token>"' : 'a bearer access token is required'),
      challenge: `Bearer realm="${REALM}"`,
    };
  }
  try {
    return { principal: await verifier.verify(token) };
  } catch (error) {
    if (error instanceof TokenRejected) {
      return {
        refused: new UnauthorizedException(`invalid token: ${error.message}`),
        challenge: `Bearer realm="${REALM}", error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`,
      };
    }
    if (error instanceof IdentityProviderUnavailable) {
      logger?.write('warn', 'the identity provider did not answer', { error: error.message });
      return { refused: new ServiceUnavailableException('the identity provider cannot be reached to check the token; try again shortly') };
    }
    throw error;
  }
}

/**
 * The global guard of every service: a request without a valid bearer token is answered 401 with
 * `WWW-Authenticate: Bearer` (RFC 6750), before any pipe, handler or query runs.
 */
export class AuthGuard implements CanActivate {
  private readonly logger = new JsonLogger('auth');

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<FastifyReply>();
    const result = await authenticate(request, this.verifier, this.logger);
    if ('principal' in result) {
      request.principal = result.principal;
      return true;
    }
    if (result.challenge) response.header('WWW-Authenticate', result.challenge);
    throw result.refused;
  }
}
