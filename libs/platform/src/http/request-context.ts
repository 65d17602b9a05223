import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/**
 * Who acts and in which tenant, carried into every command and event from the start. Until access control lands
 * (JWT roles, roadmap step 5) the actor comes from the `X-Actor` header (`<role>:<pseudonymous id>`), and the
 * correlation id from `X-Correlation-Id`; both are checked for shape and never hold a name.
 */
export interface RequestContext {
  actor: string;
  correlationId: string;
}

const ACTOR = /^[a-z-]{2,30}:[A-Za-z0-9-]{1,64}$/;
const CORRELATION = /^[A-Za-z0-9-]{8,64}$/;

export function requestContextFrom(headers: Record<string, string | string[] | undefined>): RequestContext {
  const actor = String(headers['x-actor'] ?? '');
  const correlationId = String(headers['x-correlation-id'] ?? '');
  return {
    actor: ACTOR.test(actor) ? actor : 'anonymous:web',
    correlationId: CORRELATION.test(correlationId) ? correlationId : randomUUID(),
  };
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  return requestContextFrom(request.headers);
});
