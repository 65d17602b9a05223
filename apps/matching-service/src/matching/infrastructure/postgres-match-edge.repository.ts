import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pairKey } from '../../common/cause';
import type { StoredEdge } from '../domain/match-edge';
import { MatchEdgeRepository } from '../domain/match-edge.repository';

type Executor = Pick<EntityManager, 'query'>;

interface EdgeRow {
  candidate_id: string;
  need_id: string;
  /** numeric(7,2) arrives as a string. */
  score: string;
  weights_version: string;
  /** date, as text (YYYY-MM-DD): no time zone to shift it. */
  scored_on: string;
}

/** MatchEdgeRepository in SQL: edges written in one statement each way (unnest), without explanations. */
@Injectable()
export class PostgresMatchEdgeRepository extends MatchEdgeRepository {
  override async replaceNeedEdges(em: Executor, needId: string, edges: readonly StoredEdge[]): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE need_id = $1`, [needId]);
    await this.insert(em, edges);
  }

  override async replaceCandidateEdges(em: Executor, candidateId: string, edges: readonly StoredEdge[]): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = $1`, [candidateId]);
    await this.insert(em, edges);
  }

  override async replaceEdgesOfCandidates(em: Executor, candidateIds: readonly string[], edges: readonly StoredEdge[]): Promise<void> {
    if (candidateIds.length === 0) return;
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = ANY($1::uuid[])`, [[...candidateIds]]);
    await this.insert(em, edges);
  }

  override async deleteEdge(em: Executor, candidateId: string, needId: string): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = $1 AND need_id = $2`, [candidateId, needId]);
  }

  override async edges(em: Executor, pairs: readonly { candidate: string; need: string }[]): Promise<Map<string, StoredEdge>> {
    if (pairs.length === 0) return new Map();
    const rows: EdgeRow[] = await em.query(
      `SELECT e.candidate_id, e.need_id, e.score, e.weights_version, e.scored_on::text AS scored_on
         FROM matching.match_edges e JOIN unnest($1::uuid[], $2::uuid[]) AS p(c, n) ON e.candidate_id = p.c AND e.need_id = p.n`,
      [pairs.map((p) => p.candidate), pairs.map((p) => p.need)],
    );
    return new Map(
      rows.map((r) => [
        pairKey(r.candidate_id, r.need_id),
        {
          candidateId: r.candidate_id,
          needId: r.need_id,
          score: Number(r.score),
          weightsVersion: r.weights_version,
          scoredOn: r.scored_on,
        },
      ]),
    );
  }

  override async all(em: Executor): Promise<{ candidateId: string; needId: string; score: number }[]> {
    const rows: { candidate_id: string; need_id: string; score: string }[] = await em.query(
      `SELECT candidate_id, need_id, score FROM matching.match_edges`,
    );
    return rows.map((r) => ({ candidateId: r.candidate_id, needId: r.need_id, score: Number(r.score) }));
  }

  private async insert(em: Executor, edges: readonly StoredEdge[]): Promise<void> {
    if (edges.length === 0) return;
    await em.query(
      `INSERT INTO matching.match_edges (candidate_id, need_id, score, weights_version, scored_on)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[], $5::date[])
       ON CONFLICT (candidate_id, need_id) DO UPDATE SET score = EXCLUDED.score, weights_version = EXCLUDED.weights_version,
         scored_on = EXCLUDED.scored_on`,
      [
        edges.map((e) => e.candidateId),
        edges.map((e) => e.needId),
        edges.map((e) => e.score),
        edges.map((e) => e.weightsVersion),
        edges.map((e) => e.scoredOn),
      ],
    );
  }
}
