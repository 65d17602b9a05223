import { CanActivate, ExecutionContext, ServiceUnavailableException, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { JsonLogger } from '../logging/json-logger';
import { Principal } from './principal';
import { IdentityProviderUnavailable, TokenRejected, TokenVerifier } from './token-verifier';

export const PUBLIC = 'jobbspar:public';
/** A route anyone may call without a token: only /health (and /openapi.json, /docs, served outside Nest's routes). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

export const REALM = 'jobbspar';

export function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) === true;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
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
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers.authorization;
    const token = header?.match(/^Bearer ([A-Za-z0-9\-._~+/]+=*)$/)?.[1];
    if (!token) {
      response.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"`);
      throw new UnauthorizedException(header ? 'the Authorization header is not "Bearer <token>"' : 'a bearer access token is required');
    }
    try {
      request.principal = await this.verifier.verify(token);
      return true;
    } catch (error) {
      if (error instanceof TokenRejected) {
        response.setHeader(
          'WWW-Authenticate',
          `Bearer realm="${REALM}", error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`,
        );
        throw new UnauthorizedException(`invalid token: ${error.message}`);
      }
      if (error instanceof IdentityProviderUnavailable) {
        this.logger.write('warn', 'the identity provider did not answer', { error: error.message });
        throw new ServiceUnavailableException('the identity provider cannot be reached to check the token; try again shortly');
      }
      throw error;
    }
  }
}
