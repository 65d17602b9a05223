import type { Explanation } from '@jobbspar/matching-core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pairKey } from '../../common/cause';
import type { MatchEdge } from '../domain/match-edge';
import { MatchEdgeRepository } from '../domain/match-edge.repository';

type Executor = Pick<EntityManager, 'query'>;

interface EdgeRow {
  candidate_id: string;
  need_id: string;
  /** numeric(7,2) arrives as a string. */
  score: string;
  explanation: Explanation;
  weights_version: string;
}

/** MatchEdgeRepository in SQL: edges written in one statement each way (unnest). */
@Injectable()
export class PostgresMatchEdgeRepository extends MatchEdgeRepository {
  override async replaceNeedEdges(em: Executor, needId: string, edges: readonly MatchEdge[]): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE need_id = $1`, [needId]);
    await this.insert(em, edges);
  }

  override async replaceCandidateEdges(em: Executor, candidateId: string, edges: readonly MatchEdge[]): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = $1`, [candidateId]);
    await this.insert(em, edges);
  }

  override async replaceEdgesOfCandidates(em: Executor, candidateIds: readonly string[], edges: readonly MatchEdge[]): Promise<void> {
    if (candidateIds.length === 0) return;
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = ANY($1::uuid[])`, [[...candidateIds]]);
    await this.insert(em, edges);
  }

  override async deleteEdge(em: Executor, candidateId: string, needId: string): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = $1 AND need_id = $2`, [candidateId, needId]);
  }

  override async edges(em: Executor, pairs: readonly { candidate: string; need: string }[]): Promise<Map<string, MatchEdge>> {
    if (pairs.length === 0) return new Map();
    const rows: EdgeRow[] = await em.query(
      `SELECT e.* FROM matching.match_edges e JOIN unnest($1::uuid[], $2::uuid[]) AS p(c, n) ON e.candidate_id = p.c AND e.need_id = p.n`,
      [pairs.map((p) => p.candidate), pairs.map((p) => p.need)],
    );
    return new Map(
      rows.map((r) => [
        pairKey(r.candidate_id, r.need_id),
        {
          candidateId: r.candidate_id,
          needId: r.need_id,
          score: Number(r.score),
          explanation: r.explanation,
          weightsVersion: r.weights_version,
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

  private async insert(em: Executor, edges: readonly MatchEdge[]): Promise<void> {
    if (edges.length === 0) return;
    await em.query(
      `INSERT INTO matching.match_edges (candidate_id, need_id, score, explanation, weights_version)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::jsonb[], $5::text[])
       ON CONFLICT (candidate_id, need_id) DO UPDATE SET score = EXCLUDED.score, explanation = EXCLUDED.explanation,
         weights_version = EXCLUDED.weights_version`,
      [
        edges.map((e) => e.candidateId),
        edges.map((e) => e.needId),
        edges.map((e) => e.score),
        edges.map((e) => JSON.stringify(e.explanation)),
        edges.map((e) => e.weightsVersion),
      ],
    );
  }
}
