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

/**
 * MatchEdgeRepository in SQL, without explanations: a replace is one statement (the edges kept upserted, the others of
 * the same needs or candidates deleted in the same statement), however many needs or candidates it is for.
 */
@Injectable()
export class PostgresMatchEdgeRepository extends MatchEdgeRepository {
  override replaceNeedEdges(em: Executor, needId: string, edges: readonly StoredEdge[]): Promise<void> {
    return this.replace(em, 'need_id', [needId], edges);
  }

  override replaceEdgesOfNeeds(em: Executor, needIds: readonly string[], edges: readonly StoredEdge[]): Promise<void> {
    return this.replace(em, 'need_id', needIds, edges);
  }

  override replaceCandidateEdges(em: Executor, candidateId: string, edges: readonly StoredEdge[]): Promise<void> {
    return this.replace(em, 'candidate_id', [candidateId], edges);
  }

  override replaceEdgesOfCandidates(em: Executor, candidateIds: readonly string[], edges: readonly StoredEdge[]): Promise<void> {
    return this.replace(em, 'candidate_id', candidateIds, edges);
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

  /**
   * Every edge of `ids` (needs or candidates, by `column`) becomes `edges`. The sub-statements of one statement see the
   * same snapshot, so the delete leaves out the pairs the upsert writes (a row may be changed only once per statement).
   */
  private async replace(
    em: Executor,
    column: 'need_id' | 'candidate_id',
    ids: readonly string[],
    edges: readonly StoredEdge[],
  ): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `WITH kept AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[], $5::date[])
           AS k(candidate_id, need_id, score, weights_version, scored_on)),
       gone AS (
         DELETE FROM matching.match_edges e WHERE e.${column} = ANY($6::uuid[])
           AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.candidate_id = e.candidate_id AND kept.need_id = e.need_id))
       INSERT INTO matching.match_edges (candidate_id, need_id, score, weights_version, scored_on)
       SELECT candidate_id, need_id, score, weights_version, scored_on FROM kept
       ON CONFLICT (candidate_id, need_id) DO UPDATE SET score = EXCLUDED.score, weights_version = EXCLUDED.weights_version,
         scored_on = EXCLUDED.scored_on`,
      [
        edges.map((e) => e.candidateId),
        edges.map((e) => e.needId),
        edges.map((e) => e.score),
        edges.map((e) => e.weightsVersion),
        edges.map((e) => e.scoredOn),
        [...ids],
      ],
    );
  }
}
