import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pairKey } from '../../common/cause';
import type { Proposal, ProposalStatus } from '../domain/proposal';
import type { NeedStatus } from '@jobbspar/contracts';
import type { NeedTerms } from '../../read-models/domain/read-models';
import { PairRef, PairsOf, ProposalFilter, ProposalRepository, ProposalWithNeed } from '../domain/proposal.repository';
import { ProposalMapper, ProposalRow } from './proposal.mapper';

type Executor = Pick<EntityManager, 'query'>;

/** What a page's row carries beside the proposal: the total, and with needs its need's columns and employer's name. */
interface PageRow {
  total_rows: string;
  need_terms?: NeedTerms | null;
  need_status?: NeedStatus | null;
  need_positions_left?: number | null;
  need_workplace?: string | null;
  employer_name?: string | null;
}

/** A page's filter as SQL: `$1`–`$8` (LIMIT and OFFSET are `$9`, `$10`). */
function pageFilter(f: ProposalFilter): { where: string; params: unknown[] } {
  const where = `($1::uuid IS NULL OR need_id = $1) AND ($2::uuid IS NULL OR candidate_id = $2) AND ($3::text IS NULL OR status = $3)
      AND ($4::text IS NULL OR municipality = $4) AND ($5::text IS NULL OR $5 = ANY(occupations))
      AND ($6::uuid[] IS NULL OR need_id = ANY($6))
      AND (NOT $7::boolean OR status IN ('accepted', 'placed', 'declined') OR (status = 'withdrawn' AND accepted_score IS NOT NULL))
      AND ($8::text IS NULL OR tenant = $8)`;
  const params = [
    f.needId ?? null,
    f.candidateId ?? null,
    f.status ?? null,
    f.municipality ?? null,
    f.occupation ?? null,
    f.needIds ? [...f.needIds] : null,
    f.employerSide ?? false,
    f.tenant ?? null,
  ];
  return { where, params };
}

/** The columns a new proposal is inserted with, and their types (the JSON rows the insert reads are typed by them). */
const INSERT_COLUMNS = {
  proposal_id: 'uuid',
  need_id: 'uuid',
  candidate_id: 'uuid',
  pair_id: 'uuid',
  status: 'text',
  score: 'numeric',
  explanation: 'jsonb',
  weights_version: 'text',
  accepted_score: 'numeric',
  accepted_explanation: 'jsonb',
  tenant: 'text',
  municipality: 'text',
  occupations: 'text[]',
  reason_code: 'text',
  comment: 'text',
  withdrawal_reason: 'text',
  reviewed_by: 'text',
  reviewed_at: 'timestamptz',
  decided_by: 'text',
  decided_at: 'timestamptz',
  decline_reason: 'text',
  created_at: 'timestamptz',
  version: 'int',
} as const;
const INSERT_NAMES = Object.keys(INSERT_COLUMNS).join(', ');
const INSERT_RECORD = Object.entries(INSERT_COLUMNS)
  .map(([column, type]) => `${column} ${type}`)
  .join(', ');

/** PairsOf as the parameters `$1`–`$4` of settledPairs, acceptedPairs and heldPairs. */
const pairsOfParams = (by: PairsOf): unknown[] => [
  by.candidateId ?? null,
  by.needId ?? null,
  by.candidateIds ? [...by.candidateIds] : null,
  by.needIds ? [...by.needIds] : null,
];

/** ProposalRepository in SQL. */
@Injectable()
export class PostgresProposalRepository extends ProposalRepository {
  /**
   * The explanations each proposal was loaded with (the very objects): `save` leaves a stored explanation as it is
   * unless a transition replaced it. A withdrawal rewrote both jsonb explanations of every row it saved (parsed,
   * compressed and stored again: most of a batch's proposal UPDATE).
   */
  private readonly loaded = new WeakMap<Proposal, { explanation: unknown; acceptedExplanation: unknown }>();

  private restore(row: ProposalRow): Proposal {
    const proposal = ProposalMapper.toDomain(row);
    const { explanation, acceptedExplanation } = proposal.toProps();
    this.loaded.set(proposal, { explanation, acceptedExplanation });
    return proposal;
  }

  override async findById(em: Executor, proposalId: string, options: { lock?: boolean } = {}): Promise<Proposal | null> {
    const [row]: ProposalRow[] = await em.query(
      `SELECT * FROM matching.proposals WHERE proposal_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [proposalId],
    );
    return row ? this.restore(row) : null;
  }

  /** The proposed (open, unreviewed) proposal of each pair that has one, in the order of `pairs`. */
  override async findProposed(em: Executor, pairs: readonly PairRef[]): Promise<Proposal[]> {
    if (pairs.length === 0) return [];
    const rows: (ProposalRow & { ord: string })[] = await em.query(
      `SELECT p.*, q.ord FROM matching.proposals p
       JOIN unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS q(c, n, ord) ON p.candidate_id = q.c AND p.need_id = q.n
       WHERE p.status = 'proposed' ORDER BY q.ord`,
      [pairs.map((p) => p.candidateId), pairs.map((p) => p.needId)],
    );
    return rows.map((r) => this.restore(r));
  }

  /** The open (proposed or accepted) proposal of each pair that has one, in the order of `pairs`. */
  override async findOpen(em: Executor, pairs: readonly PairRef[]): Promise<Proposal[]> {
    if (pairs.length === 0) return [];
    const rows: (ProposalRow & { ord: string })[] = await em.query(
      `SELECT p.*, q.ord FROM matching.proposals p
       JOIN unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS q(c, n, ord) ON p.candidate_id = q.c AND p.need_id = q.n
       WHERE p.status IN ('proposed', 'accepted') ORDER BY q.ord`,
      [pairs.map((p) => p.candidateId), pairs.map((p) => p.needId)],
    );
    return rows.map((r) => this.restore(r));
  }

  override async findOpenSingles(em: Executor, needIds: readonly string[]): Promise<Map<string, Proposal[]>> {
    const out = new Map<string, Proposal[]>();
    if (needIds.length === 0) return out;
    const rows: ProposalRow[] = await em.query(
      `SELECT * FROM matching.proposals WHERE need_id = ANY($1::uuid[]) AND status = 'proposed' AND pair_id IS NULL
       ORDER BY score DESC, proposal_id`,
      [needIds],
    );
    for (const row of rows) {
      const proposal = this.restore(row);
      const list = out.get(proposal.needId);
      if (list) list.push(proposal);
      else out.set(proposal.needId, [proposal]);
    }
    return out;
  }

  override async findAccepted(em: Executor, by: { needId?: string; candidateId?: string }): Promise<Proposal[]> {
    const rows: ProposalRow[] = await em.query(
      `SELECT * FROM matching.proposals
       WHERE status = 'accepted' AND ($1::uuid IS NULL OR need_id = $1) AND ($2::uuid IS NULL OR candidate_id = $2)
       ORDER BY created_at, proposal_id`,
      [by.needId ?? null, by.candidateId ?? null],
    );
    return rows.map((r) => this.restore(r));
  }

  override async findByCandidate(em: Executor, candidateId: string): Promise<Proposal[]> {
    const rows: ProposalRow[] = await em.query(
      `SELECT * FROM matching.proposals WHERE candidate_id = $1 ORDER BY created_at, proposal_id`,
      [candidateId],
    );
    return rows.map((r) => this.restore(r));
  }

  /**
   * Inserts new proposals in one statement with one parameter, however many: a parameter per value ran out of the
   * protocol's 65,535 at about 2,800 proposals (a rebuild at 100k candidates × 5k needs proposes more), and PostgreSQL's
   * 08P01 for it was retried as an outage for ever.
   */
  override async insert(em: Executor, proposals: readonly Proposal[]): Promise<void> {
    if (proposals.length === 0) return;
    await em.query(
      `INSERT INTO matching.proposals (${INSERT_NAMES}) SELECT ${INSERT_NAMES} FROM jsonb_to_recordset($1::jsonb) AS x(${INSERT_RECORD})`,
      [JSON.stringify(proposals.map(ProposalMapper.toInsertRow))],
    );
  }

  /**
   * Saves what transitions (and erasure) change, for any number of proposals in one statement. An explanation no
   * transition replaced since the proposal was loaded is not sent: the row keeps its stored one.
   */
  override async save(em: Executor, proposals: readonly Proposal[]): Promise<void> {
    if (proposals.length === 0) return;
    const p = proposals.map((x) => x.toProps());
    const keep = proposals.map((x, i) => {
      const loaded = this.loaded.get(x);
      return {
        explanation: loaded !== undefined && loaded.explanation === p[i].explanation,
        accepted: loaded !== undefined && loaded.acceptedExplanation === p[i].acceptedExplanation,
      };
    });
    await em.query(
      `UPDATE matching.proposals t SET status = v.status, candidate_id = v.candidate_id, reason_code = v.reason_code, comment = v.comment,
         withdrawal_reason = v.withdrawal_reason, reviewed_by = v.reviewed_by, reviewed_at = v.reviewed_at, version = v.version,
         score = v.score, weights_version = v.weights_version, pair_id = v.pair_id, accepted_score = v.accepted_score,
         explanation = CASE WHEN v.keep_explanation THEN t.explanation ELSE v.explanation END,
         accepted_explanation = CASE WHEN v.keep_accepted THEN t.accepted_explanation ELSE v.accepted_explanation END,
         decided_by = v.decided_by, decided_at = v.decided_at, decline_reason = v.decline_reason
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::int[],
                   $10::numeric[], $11::jsonb[], $12::text[], $13::numeric[], $14::jsonb[], $15::uuid[],
                   $16::text[], $17::timestamptz[], $18::text[], $19::boolean[], $20::boolean[])
         AS v(proposal_id, status, candidate_id, reason_code, comment, withdrawal_reason, reviewed_by, reviewed_at, version,
              score, explanation, weights_version, accepted_score, accepted_explanation, pair_id, decided_by, decided_at, decline_reason,
              keep_explanation, keep_accepted)
       WHERE t.proposal_id = v.proposal_id`,
      [
        p.map((x) => x.proposalId),
        p.map((x) => x.status),
        p.map((x) => x.candidateId),
        p.map((x) => x.reasonCode),
        p.map((x) => x.comment),
        p.map((x) => x.withdrawalReason),
        p.map((x) => x.reviewedBy),
        p.map((x) => x.reviewedAt),
        p.map((x) => x.version),
        p.map((x) => x.score),
        p.map((x, i) => (keep[i].explanation ? null : JSON.stringify(x.explanation))),
        p.map((x) => x.weightsVersion),
        p.map((x) => x.acceptedScore),
        p.map((x, i) => (keep[i].accepted || x.acceptedExplanation === null ? null : JSON.stringify(x.acceptedExplanation))),
        p.map((x) => x.pairId),
        p.map((x) => x.decidedBy),
        p.map((x) => x.decidedAt),
        p.map((x) => x.declineReason),
        keep.map((k) => k.explanation),
        keep.map((k) => k.accepted),
      ],
    );
  }

  /** A page of proposals, best score first (then oldest, then id, so pages are stable), and the total. */
  override async list(em: Executor, f: ProposalFilter): Promise<{ items: Proposal[]; total: number }> {
    const { items, total } = await this.listWithNeeds(em, f, false);
    return { items: items.map((i) => i.proposal), total };
  }

  /**
   * One statement: the page (with the total counted by a window over the same filter, before LIMIT) joined with its
   * needs and their employers. Only a page past the end, which has no row to carry the total, asks again for it.
   */
  override async listWithNeeds(em: Executor, f: ProposalFilter, withNeeds = true): Promise<{ items: ProposalWithNeed[]; total: number }> {
    const { where, params } = pageFilter(f);
    const page = `SELECT *, count(*) OVER () AS total_rows FROM matching.proposals WHERE ${where}
      ORDER BY score DESC, created_at, proposal_id LIMIT $9 OFFSET $10`;
    const rows: (ProposalRow & PageRow)[] = await em.query(
      withNeeds
        ? `WITH page AS (${page})
           SELECT page.*, n.snapshot AS need_terms, n.status AS need_status, n.positions_left AS need_positions_left,
             n.workplace_municipality AS need_workplace, e.name AS employer_name
           FROM page
           LEFT JOIN matching.needs n ON n.need_id = page.need_id AND n.snapshot IS NOT NULL
           LEFT JOIN matching.employers e ON e.employer_id = (n.snapshot->>'employerId')::uuid
           ORDER BY page.score DESC, page.created_at, page.proposal_id`
        : page,
      [...params, f.limit, f.offset],
    );
    const total = rows.length > 0 || f.offset === 0 ? Number(rows[0]?.total_rows ?? 0) : await this.count(em, f);
    return {
      items: rows.map((r) => ({
        proposal: ProposalMapper.toDomain(r),
        need:
          r.need_terms === null || r.need_terms === undefined
            ? undefined
            : {
                terms: r.need_terms,
                status: r.need_status!,
                positionsLeft: r.need_positions_left!,
                workplaceMunicipality: r.need_workplace!,
              },
        employer: r.employer_name ? { name: r.employer_name } : undefined,
      })),
      total,
    };
  }

  /**
   * One statement, as listWithNeeds, but the database builds the items as the API shows them (ProposalResponse,
   * `need` as need-context.ts makes it) and sorts only the page's keys: each item's wide columns (explanations, its
   * need's snapshot) are read for the page alone, and nothing is parsed here. Times as Date.toISOString writes them
   * (milliseconds, UTC), scores as numbers. postgres-proposal.repository.medium-spec.ts holds it equal to the mapping
   * of listWithNeeds' page.
   */
  override async pageJson(em: Executor, f: ProposalFilter): Promise<{ itemsJson: string; total: number }> {
    const { where, params } = pageFilter(f);
    const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const [row]: { items: string | null; total_rows: string | null }[] = await em.query(
      `WITH page AS (
         SELECT proposal_id, score, created_at, count(*) OVER () AS total_rows FROM matching.proposals WHERE ${where}
         ORDER BY score DESC, created_at, proposal_id LIMIT $9 OFFSET $10)
       SELECT max(page.total_rows) AS total_rows,
         json_agg(json_build_object(
           'proposalId', p.proposal_id, 'needId', p.need_id, 'candidateId', p.candidate_id, 'pairId', p.pair_id,
           'status', p.status, 'score', p.score, 'weightsVersion', p.weights_version, 'explanation', p.explanation,
           'acceptedScore', p.accepted_score, 'acceptedExplanation', p.accepted_explanation,
           'municipality', p.municipality, 'occupations', p.occupations, 'reasonCode', p.reason_code, 'comment', p.comment,
           'withdrawalReason', p.withdrawal_reason, 'reviewedBy', p.reviewed_by, 'reviewedAt', ${iso('p.reviewed_at')},
           'createdAt', ${iso('p.created_at')},
           'need', json_build_object(
             'roleName', n.snapshot->'roleName', 'roleVersion', n.snapshot->'roleVersion', 'employerId', n.snapshot->'employerId',
             'employerName', e.name, 'workplaceMunicipality', coalesce(n.workplace_municipality, p.municipality),
             'countyCode', substr(p.tenant, 4), 'placementType', n.snapshot->'placementType', 'startDate', n.snapshot->'startDate',
             'status', n.status, 'positionsLeft', n.positions_left,
             'supportOffered', json_build_object(
               'supervisorCapacity', n.snapshot->'support'->'supervisorCapacity',
               'pairInternshipAllowed', n.snapshot->'support'->'pairInternshipAllowed',
               'languageSupport', n.snapshot->'support'->'languageSupport')))
           ORDER BY page.score DESC, page.created_at, page.proposal_id)::text AS items
       FROM page
       JOIN matching.proposals p ON p.proposal_id = page.proposal_id
       LEFT JOIN matching.needs n ON n.need_id = p.need_id AND n.snapshot IS NOT NULL
       LEFT JOIN matching.employers e ON e.employer_id = (n.snapshot->>'employerId')::uuid`,
      [...params, f.limit, f.offset],
    );
    if (row.items !== null) return { itemsJson: row.items, total: Number(row.total_rows) };
    return { itemsJson: '[]', total: f.offset === 0 ? 0 : await this.count(em, f) };
  }

  /** The total of a filter: a page past the end has no row to carry it. */
  private async count(em: Executor, f: ProposalFilter): Promise<number> {
    const { where, params } = pageFilter(f);
    return Number((await em.query(`SELECT count(*) AS n FROM matching.proposals WHERE ${where}`, params))[0].n);
  }

  /**
   * Pairs that must not become edges (keys `candidate|need`): rejected or declined before (never proposed again), or
   * accepted or placed (they hold capacity outside the assignment).
   */
  override async settledPairs(em: Executor, by: PairsOf): Promise<Set<string>> {
    const rows: { candidate_id: string; need_id: string }[] = await em.query(
      `SELECT candidate_id, need_id FROM matching.proposals
       WHERE status IN ('rejected', 'declined', 'accepted', 'placed') AND ($1::uuid IS NULL OR candidate_id = $1) AND ($2::uuid IS NULL OR need_id = $2)
         AND ($3::uuid[] IS NULL OR candidate_id = ANY($3)) AND ($4::uuid[] IS NULL OR need_id = ANY($4))`,
      pairsOfParams(by),
    );
    return new Set(rows.map((r) => pairKey(r.candidate_id, r.need_id)));
  }

  /** Keys `candidate|need` of accepted pairs: outside the assignment, but their current score is still shown. */
  override async acceptedPairs(em: Executor, by: PairsOf): Promise<Set<string>> {
    const rows: { candidate_id: string; need_id: string }[] = await em.query(
      `SELECT candidate_id, need_id FROM matching.proposals
       WHERE status = 'accepted' AND ($1::uuid IS NULL OR candidate_id = $1) AND ($2::uuid IS NULL OR need_id = $2)
         AND ($3::uuid[] IS NULL OR candidate_id = ANY($3)) AND ($4::uuid[] IS NULL OR need_id = ANY($4))`,
      pairsOfParams(by),
    );
    return new Set(rows.map((r) => pairKey(r.candidate_id, r.need_id)));
  }

  override async heldPairs(em: Executor, by: PairsOf): Promise<{ key: string; status: Exclude<ProposalStatus, 'withdrawn'> }[]> {
    const rows: { candidate_id: string; need_id: string; status: Exclude<ProposalStatus, 'withdrawn'> }[] = await em.query(
      `SELECT candidate_id, need_id, status FROM matching.proposals
       WHERE status <> 'withdrawn' AND ($1::uuid IS NULL OR candidate_id = $1) AND ($2::uuid IS NULL OR need_id = $2)
         AND ($3::uuid[] IS NULL OR candidate_id = ANY($3)) AND ($4::uuid[] IS NULL OR need_id = ANY($4))`,
      pairsOfParams(by),
    );
    return rows.map((r) => ({ key: pairKey(r.candidate_id, r.need_id), status: r.status }));
  }

  override async acceptedPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { need_id: string; n: string }[] = await em.query(
      `SELECT need_id, count(*) AS n FROM matching.proposals WHERE status = 'accepted' AND need_id = ANY($1) GROUP BY need_id`,
      [needIds],
    );
    return new Map(rows.map((r) => [r.need_id, Number(r.n)]));
  }

  override async acceptedCandidatesPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { need_id: string; candidate_id: string }[] = await em.query(
      `SELECT need_id, candidate_id FROM matching.proposals WHERE status = 'accepted' AND need_id = ANY($1) ORDER BY need_id, candidate_id`,
      [needIds],
    );
    const byNeed = new Map<string, string[]>();
    for (const r of rows) byNeed.set(r.need_id, [...(byNeed.get(r.need_id) ?? []), r.candidate_id]);
    return byNeed;
  }

  override async acceptedPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { candidate_id: string; n: string }[] = await em.query(
      `SELECT candidate_id, count(*) AS n FROM matching.proposals WHERE status = 'accepted' AND candidate_id = ANY($1) GROUP BY candidate_id`,
      [candidateIds],
    );
    return new Map(rows.map((r) => [r.candidate_id, Number(r.n)]));
  }

  /** Every pair with a proposed proposal: what the assignment held when it last committed. */
  override async proposedPairs(em: Executor): Promise<PairRef[]> {
    const rows: { candidate_id: string; need_id: string }[] = await em.query(
      `SELECT candidate_id, need_id FROM matching.proposals WHERE status = 'proposed'`,
    );
    return rows.map((r) => ({ candidateId: r.candidate_id, needId: r.need_id }));
  }
}
