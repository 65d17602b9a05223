import type { Explanation } from '@jobbspar/matching-core';
import type { RejectionReason, WithdrawalReason } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import type { ProposalState, ProposalStatus } from '../domain/proposal';

type Executor = Pick<EntityManager, 'query'>;

export interface ProposalRecord extends ProposalState {
  needId: string;
  candidateId: string;
  pairId: string | null;
  score: number;
  explanation: Explanation;
  weightsVersion: string;
  tenant: string;
  municipality: string;
  occupations: string[];
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  version: number;
}

interface Row {
  proposal_id: string;
  need_id: string;
  candidate_id: string;
  pair_id: string | null;
  status: ProposalStatus;
  score: string;
  explanation: Explanation;
  weights_version: string;
  tenant: string;
  municipality: string;
  occupations: string[];
  reason_code: RejectionReason | null;
  comment: string | null;
  withdrawal_reason: WithdrawalReason | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Date;
  version: number;
}

function toRecord(r: Row): ProposalRecord {
  return {
    proposalId: r.proposal_id,
    needId: r.need_id,
    candidateId: r.candidate_id,
    pairId: r.pair_id,
    status: r.status,
    score: Number(r.score),
    explanation: r.explanation,
    weightsVersion: r.weights_version,
    tenant: r.tenant,
    municipality: r.municipality,
    occupations: r.occupations,
    reasonCode: r.reason_code,
    comment: r.comment,
    withdrawalReason: r.withdrawal_reason,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

export interface ProposalFilter {
  needId?: string;
  candidateId?: string;
  status?: ProposalStatus;
  municipality?: string;
  occupation?: string;
  limit: number;
  offset: number;
}

export class ProposalRepository {
  async get(em: Executor, proposalId: string, forUpdate = false): Promise<ProposalRecord | undefined> {
    const [row]: Row[] = await em.query(`SELECT * FROM matching.proposals WHERE proposal_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
      proposalId,
    ]);
    return row ? toRecord(row) : undefined;
  }

  /** Saves a state transition; `version` counts the proposal's events. */
  async saveTransition(em: Executor, p: ProposalRecord, actor: string | null): Promise<ProposalRecord> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[row]]: [Row[], number] = await em.query(
      `UPDATE matching.proposals SET status = $2, reason_code = $3, comment = $4, withdrawal_reason = $5,
         reviewed_by = COALESCE($6, reviewed_by), reviewed_at = CASE WHEN $6::text IS NULL THEN reviewed_at ELSE now() END,
         version = version + 1
       WHERE proposal_id = $1 RETURNING *`,
      [p.proposalId, p.status, p.reasonCode, p.comment, p.withdrawalReason, actor],
    );
    return toRecord(row);
  }

  async list(em: Executor, f: ProposalFilter): Promise<{ items: ProposalRecord[]; total: number }> {
    const where = `($1::uuid IS NULL OR need_id = $1) AND ($2::uuid IS NULL OR candidate_id = $2) AND ($3::text IS NULL OR status = $3)
      AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR $5 = ANY(occupations))`;
    const params = [f.needId ?? null, f.candidateId ?? null, f.status ?? null, f.municipality ?? null, f.occupation ?? null];
    const rows: Row[] = await em.query(
      `SELECT * FROM matching.proposals WHERE ${where} ORDER BY score DESC, created_at, proposal_id LIMIT $6 OFFSET $7`,
      [...params, f.limit, f.offset],
    );
    const [{ n }] = await em.query(`SELECT count(*) AS n FROM matching.proposals WHERE ${where}`, params);
    return { items: rows.map(toRecord), total: Number(n) };
  }
}
