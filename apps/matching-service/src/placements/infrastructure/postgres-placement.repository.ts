import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CHECKPOINTS, type Placement } from '../domain/placement';
import { DueFollowUp, PlacementFilter, PlacementRepository, PlacementScope } from '../domain/placement.repository';
import { FollowUpRow, PlacementMapper, PlacementRow } from './placement.mapper';

type Executor = Pick<EntityManager, 'query'>;

const SELECT_PLACEMENT = `SELECT placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant,
  to_char(start_date, 'YYYY-MM-DD') AS start_date, support, status, to_char(end_date, 'YYYY-MM-DD') AS end_date, outcome, version
  FROM matching.placements`;

/** PlacementRepository in SQL: dates read back as YYYY-MM-DD text (to_char), whatever the session's time zone. */
@Injectable()
export class PostgresPlacementRepository extends PlacementRepository {
  override async findById(em: Executor, placementId: string, options: { lock?: boolean } = {}): Promise<Placement | null> {
    const [row]: PlacementRow[] = await em.query(`${SELECT_PLACEMENT} WHERE placement_id = $1${options.lock ? ' FOR UPDATE' : ''}`, [
      placementId,
    ]);
    if (!row) return null;
    return PlacementMapper.toDomain(row, await this.followUps(em, [placementId]).then((m) => m.get(placementId) ?? []));
  }

  override async findByCandidate(em: Executor, candidateId: string): Promise<Placement[]> {
    const rows: PlacementRow[] = await em.query(`${SELECT_PLACEMENT} WHERE candidate_id = $1 ORDER BY created_at, placement_id`, [
      candidateId,
    ]);
    const followUps = await this.followUps(
      em,
      rows.map((r) => r.placement_id),
    );
    return rows.map((r) => PlacementMapper.toDomain(r, followUps.get(r.placement_id) ?? []));
  }

  override async insert(em: Executor, placement: Placement): Promise<void> {
    const p = placement.toProps();
    await em.query(
      `INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date,
         support, status, end_date, outcome, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        p.placementId,
        p.proposalId,
        p.needId,
        p.candidateId,
        p.employerId,
        p.placementType,
        p.tenant,
        p.startDate,
        JSON.stringify(p.support),
        p.status,
        p.endDate,
        p.outcome,
        p.version,
      ],
    );
    await this.insertFollowUps(em, placement);
  }

  override async save(em: Executor, placement: Placement): Promise<void> {
    const p = placement.toProps();
    await em.query(
      `UPDATE matching.placements SET candidate_id = $2, status = $3, end_date = $4, outcome = $5, version = $6 WHERE placement_id = $1`,
      [p.placementId, p.candidateId, p.status, p.endDate, p.outcome, p.version],
    );
    await this.insertFollowUps(em, placement);
  }

  override async list(em: Executor, f: PlacementFilter): Promise<{ items: Placement[]; total: number }> {
    const params: unknown[] = [f.needId ?? null, f.employerId ?? null, f.candidateId ?? null, f.status ?? null];
    const where = `($1::uuid IS NULL OR need_id = $1) AND ($2::uuid IS NULL OR employer_id = $2) AND ($3::uuid IS NULL OR candidate_id = $3)
      AND ($4::text IS NULL OR status = $4) AND ${scopeCondition(f.scope, params, '')}`;
    // The page and its total in one statement (issue 14); only a page past the end counts on its own.
    const rows: (PlacementRow & { total_rows: string })[] = await em.query(
      `SELECT page.*, count(*) OVER () AS total_rows FROM (${SELECT_PLACEMENT} WHERE ${where}) AS page
        ORDER BY page.start_date DESC, page.placement_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    const n =
      rows.length > 0
        ? rows[0].total_rows
        : f.offset === 0
          ? 0
          : ((await em.query(`SELECT count(*) AS n FROM matching.placements WHERE ${where}`, params)) as { n: string }[])[0].n;
    const followUps = await this.followUps(
      em,
      rows.map((r) => r.placement_id),
    );
    return { items: rows.map((r) => PlacementMapper.toDomain(r, followUps.get(r.placement_id) ?? [])), total: Number(n) };
  }

  override async dueFollowUps(em: Executor, by: { scope?: PlacementScope; until: string; limit: number }): Promise<DueFollowUp[]> {
    const params: unknown[] = [[...CHECKPOINTS], by.until];
    const rows: {
      placement_id: string;
      need_id: string;
      candidate_id: string;
      employer_id: string;
      start_date: string;
      checkpoint_days: 30 | 90 | 180;
      due_on: string;
    }[] = await em.query(
      `SELECT p.placement_id, p.need_id, p.candidate_id, p.employer_id, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
         c.days AS checkpoint_days, to_char(p.start_date + c.days, 'YYYY-MM-DD') AS due_on
       FROM matching.placements p CROSS JOIN unnest($1::int[]) AS c(days)
       WHERE p.start_date + c.days <= $2::date
         AND NOT EXISTS (SELECT 1 FROM matching.follow_ups f WHERE f.placement_id = p.placement_id AND f.checkpoint_days = c.days)
         AND ${scopeCondition(by.scope, params, 'p.')}
       ORDER BY p.start_date + c.days, p.placement_id, c.days LIMIT $${params.length + 1}`,
      [...params, by.limit],
    );
    return rows.map((r) => ({
      placementId: r.placement_id,
      needId: r.need_id,
      candidateId: r.candidate_id,
      employerId: r.employer_id,
      startDate: r.start_date,
      checkpointDays: r.checkpoint_days,
      dueOn: r.due_on,
    }));
  }

  override async underWayPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { candidate_id: string; n: string }[] = await em.query(
      `SELECT candidate_id, count(*) AS n FROM matching.placements WHERE status = 'started' AND candidate_id = ANY($1) GROUP BY candidate_id`,
      [candidateIds],
    );
    return new Map(rows.map((r) => [r.candidate_id, Number(r.n)]));
  }

  override async underWayCandidatesPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { need_id: string; candidates: string[] }[] = await em.query(
      `SELECT need_id, array_agg(candidate_id ORDER BY candidate_id) AS candidates FROM matching.placements
       WHERE status = 'started' AND need_id = ANY($1) GROUP BY need_id`,
      [needIds],
    );
    return new Map(rows.map((r) => [r.need_id, r.candidates]));
  }

  private async followUps(em: Executor, placementIds: readonly string[]): Promise<Map<string, FollowUpRow[]>> {
    const byPlacement = new Map<string, FollowUpRow[]>();
    if (placementIds.length === 0) return byPlacement;
    const rows: (FollowUpRow & { placement_id: string })[] = await em.query(
      `SELECT placement_id, checkpoint_days, status, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on, recorded_by
       FROM matching.follow_ups WHERE placement_id = ANY($1) ORDER BY checkpoint_days`,
      [placementIds],
    );
    for (const r of rows) byPlacement.set(r.placement_id, [...(byPlacement.get(r.placement_id) ?? []), r]);
    return byPlacement;
  }

  private async insertFollowUps(em: Executor, placement: Placement): Promise<void> {
    const p = placement.toProps();
    if (p.followUps.length === 0) return;
    await em.query(
      `INSERT INTO matching.follow_ups (placement_id, checkpoint_days, status, recorded_on, recorded_by)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::date[], $5::text[])
       ON CONFLICT (placement_id, checkpoint_days) DO NOTHING`,
      [
        p.placementId,
        p.followUps.map((f) => f.checkpointDays),
        p.followUps.map((f) => f.status),
        p.followUps.map((f) => f.recordedOn),
        p.followUps.map((f) => f.recordedBy),
      ],
    );
  }
}

/**
 * A PlacementScope as an SQL condition on matching.placements (`alias` its prefix), its parameters appended: the
 * employers' placements, or those of residents of the municipalities (by the placement's copy of her home, which the
 * database keeps from matching's candidate read model and clears with her row, so an erased candidate's placement,
 * a statistic now, is nobody's to follow up; migration 1764730000000).
 */
function scopeCondition(scope: PlacementScope | undefined, params: unknown[], alias: string): string {
  if (!scope) return 'true';
  params.push([...scope.employerIds], [...scope.homeMunicipalities]);
  const [employers, homes] = [`$${params.length - 1}`, `$${params.length}`];
  return `(${alias}employer_id = ANY(${employers}::uuid[]) OR ${alias}candidate_home = ANY(${homes}::text[]))`;
}
