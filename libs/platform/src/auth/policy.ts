import { CanActivate, ExecutionContext, ForbiddenException, INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { type AuthenticatedRequest, isPublic, PUBLIC } from './auth.guard';
import { perRoute } from './per-route';
import { type Principal, type Role } from './principal';

/**
 * Who may call an operation at all: users holding one of `roles`, or the named services (client credentials). An
 * operation's object-level rules (which tenant's, which organisation's objects) live beside it in the same service
 * policy module; this is the role-level gate in front of them: a caller without the permission gets 403 before
 * any pipe or handler runs.
 */
export interface OperationRule {
  roles?: readonly Role[];
  /** Service identities (a client-credentials token's `service` claim), e.g. `follow-up-service`. */
  services?: readonly string[];
  /**
   * `personal-data`: a read of a candidate's personal data, audited like a command (libs/platform audit/).
   * `read-only`: a POST that changes nothing and answers no person's data (a preview of counts): not audited, as
   * other reads are not, so the log holds what changed and who read whom.
   */
  audit?: 'personal-data' | 'read-only';
}

/** One service's rules, keyed by operation id: `<Controller class>_<method>`, as in /openapi.json. */
export type ServicePolicy = Readonly<Record<string, OperationRule>>;

/** The operation id of a route handler: the same `<Controller>_<method>` @nestjs/swagger writes as `operationId`. */
export function operationId(controller: Type<unknown> | { name: string }, handler: { name: string }): string {
  return `${controller.name}_${handler.name}`;
}

const operationIds = perRoute<string>();

/** The operation id of the route a request is for, made once per controller and handler (guards ask on every request). */
export function operationOf(context: ExecutionContext): string {
  return operationIds(context, (controller, handler) => operationId(controller, handler));
}

export function permits(rule: OperationRule, principal: Principal): boolean {
  if (principal.service !== undefined) return rule.services?.includes(principal.service) ?? false;
  return principal.roles.some((role) => rule.roles?.includes(role));
}

function describe(rule: OperationRule): string {
  const who = [...(rule.roles ?? []), ...(rule.services ?? []).map((s) => `the ${s}`)];
  return who.length ? who.join(', ') : 'nobody';
}

/** The second global guard, after the token's: the service's policy decides who may call each operation. */
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly policy: ServicePolicy,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (isPublic(this.reflector, context)) return true;
    const id = operationOf(context);
    const rule = this.policy[id];
    // assertPolicyCovers refuses to start a service with an operation that has no rule; this is the second line.
    if (!rule) throw new ForbiddenException(`${id}: no access rule`);
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal || !permits(rule, principal)) {
      const who = principal?.service ? `the ${principal.service}` : `role ${principal?.roles.join(', ')}`;
      throw new ForbiddenException(`${who} may not do this: it is for ${describe(rule)}`);
    }
    return true;
  }
}

/** Every route operation of the app's controllers, but the public ones. */
export function routeOperations(app: INestApplication): string[] {
  const reflector = app.get(Reflector);
  const ids: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as Type<unknown> | undefined;
      if (!type) continue;
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (reflector.getAllAndOverride<boolean>(PUBLIC, [handler, type])) continue;
        ids.push(operationId(type, handler));
      }
    }
  }
  return ids;
}

/** A service whose policy misses an operation (or names one that does not exist) does not start. */
export function assertPolicyCovers(app: INestApplication, policy: ServicePolicy, service: string): void {
  const operations = routeOperations(app);
  const missing = operations.filter((id) => !(id in policy));
  const stale = Object.keys(policy).filter((id) => !operations.includes(id));
  if (missing.length || stale.length) {
    throw new Error(
      `${service}: the access policy must name every operation exactly:` +
        (missing.length ? ` no rule for ${missing.join(', ')};` : '') +
        (stale.length ? ` rules for operations that do not exist: ${stale.join(', ')}` : ''),
    );
  }
}
