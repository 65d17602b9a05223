import type { OnModuleDestroy } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';
import { asService } from '../database/database-identity';
import { asServiceWithin } from '../database/row-level-security';

/**
 * The audit log of one service: who (subject, role, organisation, tenant), what (operation id, method, route),
 * which object, when, outcome (status) and correlation id of every command and of every read of a candidate's
 * personal data (http/audit.ts decides which requests). A table in the service's own schema, written only by
 * INSERT: the database refuses UPDATE, DELETE and TRUNCATE on it (a trigger, whoever the caller), so neither a bug nor a
 * compromised service can rewrite history. It never holds a name, an e-mail, a body or a query string: the object
 * is an id (a candidate's pseudonymous id), so erasing a candidate leaves her audit rows with nothing but that id.
 */
export const AUDIT_OUTCOMES = ['success', 'denied', 'not-found', 'rejected', 'failed', 'aborted'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  occurredAt: Date;
  /** The caller's region (`se-12`); null for a service acting as itself. */
  tenant: string | null;
  subject: string;
  actor: string;
  roles: readonly string[];
  organisation: string;
  /** `<Controller>_<method>`, as in /openapi.json and the service's policy. */
  operation: string;
  method: string;
  /** The route template (`/candidates/:id`), never the path with its values or the query. */
  route: string;
  /** The object addressed or created: an id, never free text. */
  objectId: string | null;
  status: number;
  outcome: AuditOutcome;
  correlationId: string;
}

export interface StoredAuditEntry extends AuditEntry {
  id: string;
}

export async function createAuditLogTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      tenant text,
      subject text NOT NULL,
      actor text NOT NULL,
      roles text[] NOT NULL,
      organisation text NOT NULL,
      operation text NOT NULL,
      method text NOT NULL,
      route text NOT NULL,
      object_id text,
      status int NOT NULL CHECK (status BETWEEN 100 AND 599),
      outcome text NOT NULL CHECK (outcome IN (${AUDIT_OUTCOMES.map((o) => `'${o}'`).join(', ')})),
      correlation_id text NOT NULL
    )`);
  await queryRunner.query(`CREATE INDEX audit_log_tenant_idx ON "${schema}".audit_log (tenant, occurred_at DESC, id DESC)`);
  await queryRunner.query(`CREATE INDEX audit_log_object_idx ON "${schema}".audit_log (object_id, occurred_at DESC, id DESC)`);
  // Append-only for everyone, the table's owner included: a statement-level trigger fires even when no row matches.
  await queryRunner.query(`
    CREATE FUNCTION "${schema}".audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await queryRunner.query(`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${schema}".audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_log_append_only()`);
  await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${schema}".audit_log FROM PUBLIC`);
}

/**
 * In a migration: an entry may be superseded by a later one (`supersedes`, at most one each) that says what the caller
 * really received. A command's entry is written inside its transaction, before its answer exists; when the answer
 * turned out otherwise (a status the handler chose after its commit, a failure after it, a client gone before it),
 * the entry is not changed (the table stays append-only) but followed by its correction, and the log shows the
 * correction in its place.
 */
export async function allowAuditCorrections(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".audit_log ADD COLUMN supersedes bigint REFERENCES "${schema}".audit_log (id)`);
  await queryRunner.query(
    `CREATE UNIQUE INDEX audit_log_supersedes_idx ON "${schema}".audit_log (supersedes) WHERE supersedes IS NOT NULL`,
  );
}

export async function disallowAuditCorrections(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP INDEX "${schema}".audit_log_supersedes_idx`);
  await queryRunner.query(`ALTER TABLE "${schema}".audit_log DROP COLUMN supersedes`);
}

export async function dropAuditLogTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".audit_log`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".audit_log_append_only()`);
}

export interface AuditQuery {
  tenant: string;
  objectId?: string;
  subject?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  occurred_at: Date;
  tenant: string | null;
  subject: string;
  actor: string;
  roles: string[];
  organisation: string;
  operation: string;
  method: string;
  route: string;
  object_id: string | null;
  status: number;
  outcome: AuditOutcome;
  correlation_id: string;
}

/** The one writer and reader of `<schema>.audit_log` (ARCHITECTURE.md: who writes which table). */
export class AuditLog implements OnModuleDestroy {
  private readonly writing = new Set<Promise<unknown>>();

  constructor(
    readonly dataSource: DataSource,
    private readonly schema: string,
    /** Entries are written by the service itself (the policy admits only it), for any caller, a service identity included. */
    private readonly service?: string,
  ) {}

  /** Entries of responses already sent are written before the pool closes (a graceful stop loses none). */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.writing]);
  }

  /**
   * An entry in a transaction of its own: a read's (before its answer), a refused or failed command's (after it).
   * Called outside the request's audit scope (audit-transaction.ts), or the entry would ride on itself.
   */
  async append(entry: AuditEntry): Promise<string> {
    return this.appendAlone(entry, null);
  }

  /**
   * The entry that replaces entry `supersedes` in the log: the same request, with what its caller really received.
   * In a transaction of its own, after the answer (or just before it), outside the request's audit scope.
   */
  async supersede(supersedes: string, entry: AuditEntry): Promise<string> {
    return this.appendAlone(entry, supersedes);
  }

  private async appendAlone(entry: AuditEntry, supersedes: string | null): Promise<string> {
    const insert = () => this.insert(this.dataSource, entry, supersedes);
    const write = this.service ? asService(this.service, insert) : insert();
    this.writing.add(write);
    try {
      return await write;
    } finally {
      this.writing.delete(write);
    }
  }

  /**
   * A command's entry inside its own open transaction (audit-transaction.ts), written as the service: the transaction
   * switches to the service's identity for the insert and back to the caller's.
   */
  async appendWithin(runner: QueryRunner, entry: AuditEntry): Promise<string> {
    const insert = () => this.insert(runner, entry, null);
    return this.service ? asServiceWithin(runner.manager, this.service, insert) : insert();
  }

  private async insert(target: Pick<DataSource, 'query'>, entry: AuditEntry, supersedes: string | null): Promise<string> {
    const [{ id }]: { id: string }[] = await target.query(
      `INSERT INTO "${this.schema}".audit_log
         (occurred_at, tenant, subject, actor, roles, organisation, operation, method, route, object_id, status, outcome, correlation_id,
          supersedes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING id::text AS id`,
      [
        entry.occurredAt,
        entry.tenant,
        entry.subject,
        entry.actor,
        entry.roles,
        entry.organisation,
        entry.operation,
        entry.method,
        entry.route,
        entry.objectId,
        entry.status,
        entry.outcome,
        entry.correlationId,
        supersedes,
      ],
    );
    return id;
  }

  /**
   * A tenant's entries, the latest request first: by arrival, not by id (entries are written as responses end, and
   * two requests' writes may commit in either order). An entry that was superseded shows as its correction.
   */
  async page(query: AuditQuery): Promise<{ items: StoredAuditEntry[]; total: number }> {
    const params: unknown[] = [query.tenant];
    let where = `tenant = $1 AND NOT EXISTS (SELECT 1 FROM "${this.schema}".audit_log c WHERE c.supersedes = audit_log.id)`;
    if (query.objectId !== undefined) where += ` AND object_id = $${params.push(query.objectId)}`;
    if (query.subject !== undefined) where += ` AND subject = $${params.push(query.subject)}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM "${this.schema}".audit_log WHERE ${where}`, params);
    const rows: Row[] = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at, tenant, subject, actor, roles, organisation, operation, method, route, object_id, status, outcome,
              correlation_id
         FROM "${this.schema}".audit_log WHERE ${where}
        ORDER BY occurred_at DESC, id DESC LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`,
      params,
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at,
        tenant: r.tenant,
        subject: r.subject,
        actor: r.actor,
        roles: r.roles,
        organisation: r.organisation,
        operation: r.operation,
        method: r.method,
        route: r.route,
        objectId: r.object_id,
        status: r.status,
        outcome: r.outcome,
        correlationId: r.correlation_id,
      })),
    };
  }
}

export function outcomeOf(status: number, finished: boolean): AuditOutcome {
  if (!finished) return 'aborted';
  if (status < 400) return 'success';
  if (status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status < 500) return 'rejected';
  return 'failed';
}

/** Who, as the audit log records it: from the verified token only. */
export function auditedCaller(principal: Principal): Pick<AuditEntry, 'tenant' | 'subject' | 'actor' | 'roles' | 'organisation'> {
  return {
    tenant: principal.service ? null : principal.tenant,
    subject: principal.subject,
    actor: actorOf(principal),
    roles: principal.roles,
    organisation: principal.organisation.id,
  };
}
