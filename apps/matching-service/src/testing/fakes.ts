import { Contract, validatePayload } from '@jobbspar/contracts';
import type { Outbox, OutboxContext } from '@jobbspar/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { Cause, MatchingEngine } from '../matching/application/matching.engine';

/**
 * In-memory fakes for unit specs of the matching service's command side: no database, no broker.
 *
 * The services build their repositories themselves and write through `em.query`, so the seam faked here is the
 * EntityManager: `FakeMatchingDb` answers the statements those services issue from Maps, applying their parameters the
 * way the SQL does, and throws on any statement it does not know. `FakeDataSource.transaction` models commit and
 * rollback over every `Transactional` fake it is given.
 */

/** Something whose writes a rolled-back transaction must discard. */
export interface Transactional {
  /** Takes a snapshot and returns the function that restores it. */
  begin(): () => void;
}

/** The stub EntityManager handed to a transaction; `inTransaction` tells it from `dataSource.manager`. */
export interface FakeEntityManager {
  readonly inTransaction: boolean;
  readonly queryRunner: { isTransactionActive: boolean };
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export class FakeDataSource {
  readonly manager: FakeEntityManager;
  transactions = 0;
  rollbacks = 0;

  constructor(
    private readonly db: FakeMatchingDb,
    private readonly participants: Transactional[] = [],
  ) {
    this.manager = db.entityManager(false);
  }

  async transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    this.transactions++;
    const restores = [this.db, ...this.participants].map((p) => p.begin());
    const em = this.db.entityManager(true);
    try {
      return await fn(em as unknown as EntityManager);
    } catch (error) {
      this.rollbacks++;
      for (const restore of restores) restore();
      throw error;
    }
  }

  query(sql: string, params?: unknown[]): Promise<unknown> {
    return this.manager.query(sql, params);
  }

  asDataSource(): DataSource {
    return this as unknown as DataSource;
  }
}

export interface AppendedEvent {
  em: EntityManager;
  contract: Contract;
  payload: Record<string, unknown>;
  ctx: OutboxContext;
}

/** Records appends; validates the payload like the real outbox, and refuses an em outside a transaction. */
export class FakeOutbox implements Transactional {
  appended: AppendedEvent[] = [];

  async append<P extends object>(em: EntityManager, contract: Contract<P>, payload: P, ctx: OutboxContext): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) throw new Error(`outbox append of ${contract.type} outside a transaction`);
    validatePayload(contract, payload);
    this.appended.push({ em, contract: contract as Contract, payload: { ...(payload as Record<string, unknown>) }, ctx: { ...ctx } });
  }

  begin(): () => void {
    const before = [...this.appended];
    return () => {
      this.appended = before;
    };
  }

  asOutbox(): Outbox {
    return this as unknown as Outbox;
  }
}

/** Stands in for the matching engine: records the lock taken and the pairs reviewed; can be told to fail. */
export class FakeMatchingEngine {
  entered: { em: EntityManager; cause: Cause }[] = [];
  reviewed: { em: EntityManager; candidateId: string; needId: string; cause: Cause }[] = [];
  failPairReviewed?: Error;

  constructor(private readonly journal: string[]) {}

  async enter(em: EntityManager, cause: Cause): Promise<void> {
    this.journal.push('engine.enter');
    this.entered.push({ em, cause });
  }

  async pairReviewed(em: EntityManager, candidateId: string, needId: string, cause: Cause): Promise<void> {
    this.journal.push('engine.pairReviewed');
    if (this.failPairReviewed) throw this.failPairReviewed;
    this.reviewed.push({ em, candidateId, needId, cause });
  }

  commitments: { em: EntityManager; candidateId: string; cause: Cause }[] = [];

  async commitmentsChanged(em: EntityManager, candidateId: string, cause: Cause): Promise<void> {
    this.journal.push('engine.commitmentsChanged');
    this.commitments.push({ em, candidateId, cause });
  }

  asEngine(): MatchingEngine {
    return this as unknown as MatchingEngine;
  }
}

export interface ProposalRow {
  proposal_id: string;
  need_id: string;
  candidate_id: string;
  pair_id: string | null;
  status: string;
  score: string;
  explanation: unknown;
  weights_version: string;
  tenant: string;
  municipality: string;
  occupations: string[];
  reason_code: string | null;
  comment: string | null;
  withdrawal_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Date;
  version: number;
}

export interface NeedRow {
  need_id: string;
  snapshot: Record<string, unknown> | null;
}

export interface PlacementRow {
  placement_id: string;
  proposal_id: string;
  need_id: string;
  candidate_id: string;
  employer_id: string;
  placement_type: string;
  tenant: string;
  start_date: string;
  support: unknown;
  status: 'started' | 'ended';
  end_date: string | null;
  outcome: string | null;
  version: number;
}

export interface FollowUpRow {
  placement_id: string;
  checkpoint_days: number;
  status: string;
  recorded_on: string;
  recorded_by: string;
}

export interface WeightsRow {
  version: string;
  region: string;
  seq: number;
  weights: Record<string, unknown>;
  created_by: string;
  created_at: Date;
}

const squash = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

/**
 * The matching schema's tables as Maps, answering the statements of ProposalRepository, PlacementsService and
 * WeightsService. Every statement is journalled (`journal`) so a spec can check order, e.g. the lock before the read.
 */
export class FakeMatchingDb implements Transactional {
  proposals = new Map<string, ProposalRow>();
  needs = new Map<string, NeedRow>();
  placements = new Map<string, PlacementRow>();
  followUps: FollowUpRow[] = [];
  weights: WeightsRow[] = [];
  advisoryLocks: string[] = [];
  readonly journal: string[] = [];

  begin(): () => void {
    const before = structuredClone({
      proposals: this.proposals,
      needs: this.needs,
      placements: this.placements,
      followUps: this.followUps,
      weights: this.weights,
    });
    return () => {
      Object.assign(this, before);
    };
  }

  entityManager(inTransaction: boolean): FakeEntityManager {
    return {
      inTransaction,
      queryRunner: { isTransactionActive: inTransaction },
      query: async (sql: string, params: unknown[] = []) => this.query(squash(sql), params, inTransaction),
    };
  }

  private query(sql: string, p: unknown[], inTransaction: boolean): unknown {
    const forUpdate = sql.endsWith(' FOR UPDATE');
    if (forUpdate && !inTransaction) throw new Error(`FOR UPDATE outside a transaction: ${sql}`);
    const note = (what: string): void => {
      this.journal.push(what);
    };

    if (sql.startsWith('SELECT * FROM matching.proposals WHERE proposal_id = $1')) {
      note(forUpdate ? 'proposals.select-for-update' : 'proposals.select');
      const row = this.proposals.get(p[0] as string);
      return row ? [structuredClone(row)] : [];
    }
    if (sql.startsWith('UPDATE matching.proposals SET status = $2, reason_code = $3, comment = $4, withdrawal_reason = $5,')) {
      note('proposals.update');
      const row = this.proposals.get(p[0] as string);
      if (!row) return [[], 0];
      const actor = p[5] as string | null;
      Object.assign(row, {
        status: p[1],
        reason_code: p[2],
        comment: p[3],
        withdrawal_reason: p[4],
        reviewed_by: actor ?? row.reviewed_by,
        reviewed_at: actor === null ? row.reviewed_at : new Date(),
        version: row.version + 1,
      });
      return [[structuredClone(row)], 1];
    }
    if (sql.startsWith('SELECT snapshot FROM matching.needs WHERE need_id = $1')) {
      note('needs.select');
      const row = this.needs.get(p[0] as string);
      return row ? [{ snapshot: structuredClone(row.snapshot) }] : [];
    }
    if (
      sql.startsWith(
        "INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date, support, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'started')",
      )
    ) {
      note('placements.insert');
      const id = p[0] as string;
      if (this.placements.has(id)) throw new Error(`duplicate placement ${id}`);
      if ([...this.placements.values()].some((r) => r.proposal_id === p[1])) throw new Error(`proposal ${String(p[1])} already placed`);
      this.placements.set(id, {
        placement_id: id,
        proposal_id: p[1] as string,
        need_id: p[2] as string,
        candidate_id: p[3] as string,
        employer_id: p[4] as string,
        placement_type: p[5] as string,
        tenant: p[6] as string,
        start_date: p[7] as string,
        support: JSON.parse(p[8] as string) as unknown,
        status: 'started',
        end_date: null,
        outcome: null,
        version: 1,
      });
      return [];
    }
    if (sql.startsWith('SELECT placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant,')) {
      note(forUpdate ? 'placements.select-for-update' : 'placements.select');
      const row = this.placements.get(p[0] as string);
      return row ? [structuredClone(row)] : [];
    }
    if (
      sql.startsWith(
        "UPDATE matching.placements SET status = 'ended', end_date = $2, outcome = $3, version = version + 1 WHERE placement_id = $1",
      )
    ) {
      note('placements.end');
      const row = this.placements.get(p[0] as string);
      if (row) Object.assign(row, { status: 'ended', end_date: p[1], outcome: p[2], version: row.version + 1 });
      return [];
    }
    if (sql.startsWith('UPDATE matching.placements SET version = version + 1 WHERE placement_id = $1')) {
      note('placements.bump');
      const row = this.placements.get(p[0] as string);
      if (row) row.version++;
      return [];
    }
    if (sql.startsWith('SELECT checkpoint_days FROM matching.follow_ups WHERE placement_id = $1')) {
      note('follow-ups.select');
      return this.followUps.filter((f) => f.placement_id === p[0]).map((f) => ({ checkpoint_days: f.checkpoint_days }));
    }
    if (sql.startsWith('SELECT checkpoint_days, status, to_char(recorded_on')) {
      note('follow-ups.view');
      return this.followUps
        .filter((f) => f.placement_id === p[0])
        .sort((a, b) => a.checkpoint_days - b.checkpoint_days)
        .map((f) => ({ checkpoint_days: f.checkpoint_days, status: f.status, recorded_on: f.recorded_on }));
    }
    if (
      sql.startsWith(
        'INSERT INTO matching.follow_ups (placement_id, checkpoint_days, status, recorded_on, recorded_by) VALUES ($1, $2, $3, $4, $5)',
      )
    ) {
      note('follow-ups.insert');
      if (this.followUps.some((f) => f.placement_id === p[0] && f.checkpoint_days === p[1])) {
        throw new Error(`duplicate key: follow-up ${String(p[1])} of ${String(p[0])}`);
      }
      this.followUps.push({
        placement_id: p[0] as string,
        checkpoint_days: p[1] as number,
        status: p[2] as string,
        recorded_on: p[3] as string,
        recorded_by: p[4] as string,
      });
      return [];
    }
    if (sql.startsWith('SELECT pg_advisory_xact_lock(hashtext($1))')) {
      if (!inTransaction) throw new Error('a transaction-scoped advisory lock outside a transaction');
      note('weights.lock');
      this.advisoryLocks.push(p[0] as string);
      return [{}];
    }
    if (sql.startsWith('SELECT region, weights FROM matching.weights ORDER BY region, seq')) {
      note('weights.select-all');
      return [...this.weights]
        .sort((a, b) => a.region.localeCompare(b.region) || a.seq - b.seq)
        .map((w) => ({ region: w.region, weights: structuredClone(w.weights) }));
    }
    if (sql.startsWith('INSERT INTO matching.weights (version, region, seq, weights, created_by) VALUES ($1, $2, $3, $4, $5)')) {
      note('weights.insert');
      if (this.weights.some((w) => w.version === p[0] || (w.region === p[1] && w.seq === p[2]))) {
        throw new Error(`duplicate key: weights ${String(p[0])}`);
      }
      this.weights.push({
        version: p[0] as string,
        region: p[1] as string,
        seq: p[2] as number,
        weights: JSON.parse(p[3] as string) as Record<string, unknown>,
        created_by: p[4] as string,
        created_at: new Date(),
      });
      return [];
    }
    if (sql.startsWith('SELECT version, weights, created_at FROM matching.weights WHERE region = $1 ORDER BY seq')) {
      note('weights.history');
      return this.weights
        .filter((w) => w.region === p[0])
        .sort((a, b) => a.seq - b.seq)
        .map((w) => ({ version: w.version, weights: structuredClone(w.weights), created_at: w.created_at }));
    }
    throw new Error(`FakeMatchingDb does not know this statement: ${sql}`);
  }
}

/** A proposal row as the migration's defaults leave it after ProposalCreated, overridable per test. */
export function proposalRow(over: Partial<ProposalRow> = {}): ProposalRow {
  return {
    proposal_id: '6f1c1f8e-0000-4000-8000-000000000001',
    need_id: '6f1c1f8e-0000-4000-8000-0000000000a1',
    candidate_id: '6f1c1f8e-0000-4000-8000-0000000000c1',
    pair_id: null,
    status: 'proposed',
    score: '72.5',
    explanation: { score: 72.5, weightsVersion: 'default-v1', factors: [], tasks: [] },
    weights_version: 'default-v1',
    tenant: 'se-uppsala',
    municipality: '0380',
    occupations: ['5321'],
    reason_code: null,
    comment: null,
    withdrawal_reason: null,
    reviewed_by: null,
    reviewed_at: null,
    created_at: new Date('2026-01-05T08:00:00Z'),
    version: 1,
    ...over,
  };
}

/** Everything a command spec needs, wired together. */
export function fakeWorld(): {
  db: FakeMatchingDb;
  outbox: FakeOutbox;
  engine: FakeMatchingEngine;
  dataSource: FakeDataSource;
} {
  const db = new FakeMatchingDb();
  const outbox = new FakeOutbox();
  const engine = new FakeMatchingEngine(db.journal);
  const dataSource = new FakeDataSource(db, [outbox]);
  return { db, outbox, engine, dataSource };
}
