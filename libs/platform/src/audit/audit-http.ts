import { CallHandler, CanActivate, Controller, ExecutionContext, Get, Injectable, NestInterceptor, Query, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { ServerResponse } from 'node:http';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { isPublic } from '../auth/auth.guard';
import { operationOf, type ServicePolicy } from '../auth/policy';
import { ApiErrors } from '../http/openapi';
import { correlationIdOf } from '../http/correlation';
import { PageOffset, PageSize } from '../http/page-size';
import { Ctx, type RequestContext } from '../http/request-context';
import { JsonLogger } from '../logging/json-logger';
import { routeOf } from '../observability/metrics';
import { AUDIT_OUTCOMES, type AuditEntry, AuditLog, auditedCaller, type AuditOutcome, outcomeOf } from './audit-log';
import { type AuditScope, outsideAuditScope, type RecordedEntry, runInAuditScope } from './audit-transaction';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What may stand in an audit row as an object: a UUID, a region, a code. Never a name or free text. */
const SAFE_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|se-\d{2}|\d{1,10})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Pending {
  operation: string;
  startedAt: Date;
  /** The handler's scope: the object it named, and whether its entry is written already. */
  scope?: AuditScope;
}

const pending = new WeakMap<object, Pending>();

/**
 * The response as either adapter hands it over: Express's is Node's ServerResponse itself, Fastify's reply wraps it
 * (`raw`). Both say the status they will answer or answered as `statusCode`; the events and `writableFinished` are
 * the Node response's.
 */
interface AdapterResponse {
  statusCode: number;
  raw?: ServerResponse;
}

const nodeResponseOf = (response: AdapterResponse): ServerResponse => response.raw ?? (response as unknown as ServerResponse);

/**
 * The object of a request: its path's ids (`12/5120` for a county and an occupation), else the id the handler named
 * (auditObject), else an id in its result.
 */
export function auditObjectOf(params: Record<string, string | string[]> | undefined, result: unknown, named?: string): string | null {
  const values = Object.values(params ?? {});
  if (values.length) return values.map((v) => (typeof v === 'string' && SAFE_ID.test(v) ? v : '?')).join('/');
  if (named !== undefined) return SAFE_ID.test(named) ? named : '?';
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    for (const [key, value] of Object.entries(result)) {
      if ((key === 'id' || key.endsWith('Id')) && typeof value === 'string' && UUID.test(value)) return value;
    }
  }
  return null;
}

function entryOf(request: AuthenticatedRequest, state: Pending, status: number, outcome: AuditOutcome, result?: unknown): AuditEntry {
  return {
    occurredAt: state.startedAt,
    ...auditedCaller(request.principal!),
    operation: state.operation,
    method: request.method,
    route: routeOf(request),
    objectId: auditObjectOf(request.params as Record<string, string> | undefined, result, state.scope?.objectId),
    status,
    outcome,
    correlationId: correlationIdOf(request.headers),
  };
}

/**
 * The first guard of every service: it refuses nothing, it notes that a request is to be audited (every command, and
 * every read its policy marks `audit: 'personal-data'`). Where the entry is written depends on what came of it:
 *
 * - a command whose handler committed a change: inside that transaction (AuditInterceptor and audit-transaction.ts),
 *   so the change and its entry commit together or not at all;
 * - a read of personal data, and a command that succeeded without changing anything: before the answer is sent, so
 *   no personal data leaves unaudited (a failed entry is a 500 instead of the data);
 * - anything refused or failed (the policy's 403, a domain rule's 4xx, a 5xx, a client gone before the answer): once
 *   the response is done, whatever answered it; nothing was changed or given out, and a failed write goes to the
 *   error log whole.
 *
 * A request without a verified caller (401, or refused by the rate limit before the token was checked) has no "who"
 * and no entry: a flood of those must not become a flood of inserts.
 */
export class AuditGuard implements CanActivate {
  private readonly logger = new JsonLogger('audit');

  constructor(
    private readonly log: AuditLog,
    private readonly policy: ServicePolicy,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || isPublic(this.reflector, context)) return true;
    const operation = operationOf(context);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rule = this.policy[operation]?.audit;
    if (rule === 'read-only' || (READS.has(request.method) && rule !== 'personal-data')) return true;
    const response = nodeResponseOf(context.switchToHttp().getResponse<AdapterResponse>());
    const state: Pending = { operation, startedAt: new Date() };
    pending.set(request, state);
    response.once('close', () => void this.write(request, response, state));
    return true;
  }

  /** Once the response is over: the entry of what came of it, or the correction of the one written before. */
  private async write(request: AuthenticatedRequest, response: ServerResponse, state: Pending): Promise<void> {
    if (!request.principal || state.scope?.committing) return;
    const outcome = outcomeOf(response.statusCode, response.writableFinished);
    const recorded = state.scope?.recorded;
    if (state.scope?.written && !recorded) return;
    const entry = entryOf(request, state, response.statusCode, outcome);
    try {
      await correctOrAppend(this.log, state, recorded, entry);
    } catch (error) {
      this.logger.write('error', recorded ? 'audit correction not written' : 'audit entry not written', {
        entry,
        supersedes: recorded?.id,
        error: (error as Error).message,
      });
    }
  }
}

/**
 * Appends the request's entry, or, when one stands for it already and says otherwise than `entry`, the correction
 * that supersedes it (an entry that says the same is left alone: nothing is written twice).
 */
async function correctOrAppend(log: AuditLog, state: Pending, recorded: RecordedEntry | undefined, answered: AuditEntry): Promise<void> {
  if (recorded && recorded.status === answered.status && recorded.outcome === answered.outcome) return;
  // The object the entry named (from the handler's result, say) is the correction's too.
  const entry = recorded ? { ...answered, objectId: answered.objectId ?? recorded.objectId } : answered;
  const id = await outsideAuditScope(() => (recorded ? log.supersede(recorded.id, entry) : log.append(entry)));
  if (state.scope) state.scope.recorded = { id, status: entry.status, outcome: entry.outcome, objectId: entry.objectId };
}

/**
 * Runs the handler of an audited request in its audit scope: the command's first writing transaction carries its
 * entry (AuditEntrySubscriber); a success that wrote nothing (a read of personal data, a command that changed
 * nothing) gets its entry before the answer leaves. The innermost interceptor (app.useGlobalInterceptors comes after
 * the modules' APP_INTERCEPTORs), so the idempotency interceptor's own statements carry no entry.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new JsonLogger('audit');

  constructor(private readonly log: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.getType() === 'http' ? context.switchToHttp().getRequest<AuthenticatedRequest>() : undefined;
    const state = request && pending.get(request);
    if (!request?.principal || !state) return next.handle();
    // The status as it stands when asked: Nest set the declared one before the interceptors; a handler may set another.
    const response = context.switchToHttp().getResponse<AdapterResponse>();
    const scope: AuditScope = {
      log: this.log,
      written: false,
      entry: () => entryOf(request, state, response.statusCode, 'success'),
    };
    state.scope = scope;
    return from(
      runInAuditScope(scope, async () => {
        const result: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        const entry = entryOf(request, state, response.statusCode, 'success', result);
        if (!scope.written) {
          scope.written = true;
          try {
            await correctOrAppend(this.log, state, undefined, entry);
          } catch (error) {
            scope.written = false;
            this.logger.write('error', 'audit entry not written: the answer is withheld', { entry, error: (error as Error).message });
            throw error;
          }
        } else {
          // Committed with the status of that moment; the handler answers another (201 or 200 as it found things):
          // corrected before the answer leaves. The change is audited already, so a failed correction does not
          // withhold it: the response's end tries again.
          await correctOrAppend(this.log, state, scope.recorded, entry).catch((error: Error) =>
            this.logger.write('error', 'audit correction not written', { entry, supersedes: scope.recorded?.id, error: error.message }),
          );
        }
        return result;
      }),
    );
  }
}

export class AuditLogRequest {
  @ApiPropertyOptional({ description: 'Only entries about this object (a UUID such as a candidate id, a region, a code)' })
  @IsOptional()
  @Matches(SAFE_ID, { message: 'objectId must be a UUID, a region (se-NN) or a numeric code' })
  objectId?: string;

  @ApiPropertyOptional({ description: "Only entries of this caller (the token's pseudonymous subject)" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'subject must be 1-64 letters, digits or dashes' })
  subject?: string;

  @PageSize({ max: 100, default: 50, description: 'Entries per page' })
  limit?: number;

  @PageOffset({ max: 100_000 })
  offset?: number;
}

export class AuditEntryResponse {
  @ApiProperty({ description: 'Id of the entry (increasing in the order entries were written)' }) id!: string;
  @ApiProperty({ description: 'When the request arrived', format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ description: "The caller's region; null for a service acting as itself", type: String, nullable: true })
  tenant!: string | null;
  @ApiProperty({ description: "The caller: the token's pseudonymous subject" }) subject!: string;
  @ApiProperty({ description: 'The actor recorded in events: <first role>:<subject>' }) actor!: string;
  @ApiProperty({ description: "The caller's roles", type: [String] }) roles!: string[];
  @ApiProperty({ description: "The caller's organisation, <type>:<key>" }) organisation!: string;
  @ApiProperty({ description: 'Operation id, as in /openapi.json' }) operation!: string;
  @ApiProperty({ description: 'HTTP method' }) method!: string;
  @ApiProperty({ description: 'Route template (no values, no query)' }) route!: string;
  @ApiProperty({ description: 'The object addressed or created (an id), if any', type: String, nullable: true })
  objectId!: string | null;
  @ApiProperty({ description: 'HTTP status answered' }) status!: number;
  @ApiProperty({ description: 'What came of it', enum: AUDIT_OUTCOMES }) outcome!: AuditOutcome;
  @ApiProperty({ description: "The request's correlation id (X-Correlation-Id)" }) correlationId!: string;
}

export class AuditPageResponse {
  @ApiProperty({ description: 'Entries of this page, newest first', type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty({ description: 'Entries matching, in all' }) total!: number;
  @ApiProperty({ description: 'Page size used' }) limit!: number;
  @ApiProperty({ description: 'Entries skipped' }) offset!: number;
}

/** `employer-service` → `EmployerServiceAuditController`: the operation id's controller part, unique per service. */
export function auditControllerName(service: string): string {
  return `${service.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase())}AuditController`;
}

/** The audit log's operation id in a service's policy. */
export function auditOperationId(service: string): string {
  return `${auditControllerName(service)}_list`;
}

export const auditRoute = (service: string): string => `/audit/${service}`;

/** The audit log's rule in a service's policy: the admins (of the caller's region: the log filters by tenant). */
export function auditPolicy(service: string): ServicePolicy {
  return { [auditOperationId(service)]: { roles: ['admin'] } };
}

/** `GET /audit/<service>`: the service's audit log, for the admins of the caller's tenant (their region's entries). */
export function auditLogController(service: string): Type<unknown> {
  @ApiTags('audit')
  @Controller(auditRoute(service).slice(1))
  class AuditController {
    constructor(private readonly log: AuditLog) {}

    @Get()
    @ApiOperation({ summary: `${service}'s audit log of her region: every command and every read of personal data, newest first` })
    @ApiOkResponse({ type: AuditPageResponse })
    @ApiErrors(400)
    async list(@Query() query: AuditLogRequest, @Ctx() ctx: RequestContext): Promise<AuditPageResponse> {
      const limit = query.limit ?? 50;
      const offset = query.offset ?? 0;
      const page = await this.log.page({ tenant: ctx.principal!.tenant, objectId: query.objectId, subject: query.subject, limit, offset });
      return {
        items: page.items.map((e) => ({ ...e, roles: [...e.roles], occurredAt: e.occurredAt.toISOString() })),
        total: page.total,
        limit,
        offset,
      };
    }
  }
  Object.defineProperty(AuditController, 'name', { value: auditControllerName(service) });
  return AuditController;
}
