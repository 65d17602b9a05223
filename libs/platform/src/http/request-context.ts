import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { actorOf, Principal } from '../auth/principal';

/**
 * Who acts and in which tenant, carried into every command and event. The principal comes only from the verified
 * access token (AuthGuard); the actor recorded in events is derived from it (`<role>:<subject>`). Only the
 * correlation id is taken from a header (`X-Correlation-Id`), checked for shape.
 */
export interface RequestContext {
  actor: string;
  correlationId: string;
  /** Always set for a request (the guard put it there); absent where an event, not a person, acts. */
  principal?: Principal;
}

const CORRELATION = /^[A-Za-z0-9-]{8,64}$/;

export function correlationIdFrom(headers: Record<string, string | string[] | undefined>): string {
  const correlationId = String(headers['x-correlation-id'] ?? '');
  return CORRELATION.test(correlationId) ? correlationId : randomUUID();
}

export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  const principal = request.principal;
  // Only a route marked @Public() runs without a principal, and such a route has no business asking for one.
  if (!principal) throw new UnauthorizedException('a bearer access token is required');
  return { actor: actorOf(principal), correlationId: correlationIdFrom(request.headers), principal };
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
