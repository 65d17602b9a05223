import type { CandidateProfileV1Payload, NeedSnapshotV1Payload } from '@jobbspar/contracts';
import type { CandidateForMatching, Explanation, NeedForMatching, TaskLevel } from '@jobbspar/matching-core';
import type { EntityManager } from 'typeorm';

/** Municipalities and their travel minutes to one place. */
export interface Reach {
  codes: string[];
  minutes: number[];
}

type Executor = Pick<EntityManager, 'query'>;

export interface MatchableNeed {
  needId: string;
  tenant: string;
  status: string;
  positionsLeft: number;
  snapshot: NeedSnapshotV1Payload;
  forMatching: NeedForMatching;
}

export interface MatchableCandidate {
  candidateId: string;
  forMatching: CandidateForMatching;
}

export interface EdgeRow {
  candidateId: string;
  needId: string;
  score: number;
  explanation: Explanation;
  weightsVersion: string;
}

/** Matching's queries over the read models and its own tables, always in the caller's transaction. */
export class MatchingRepository {
  async need(em: Executor, needId: string): Promise<MatchableNeed | undefined> {
    return (await this.needs(em, [needId]))[0];
  }

  async needs(em: Executor, needIds: readonly string[]): Promise<MatchableNeed[]> {
    if (needIds.length === 0) return [];
    const rows: { need_id: string; tenant: string; status: string; positions_left: number; snapshot: NeedSnapshotV1Payload }[] =
      await em.query(
        `SELECT need_id, tenant, status, positions_left, snapshot FROM matching.needs WHERE need_id = ANY($1) AND snapshot IS NOT NULL`,
        [needIds],
      );
    return rows.map((r) => ({
      needId: r.need_id,
      tenant: r.tenant,
      status: r.status,
      positionsLeft: r.positions_left,
      snapshot: r.snapshot,
      forMatching: {
        needId: r.need_id,
        status: r.status as NeedForMatching['status'],
        positionsLeft: r.positions_left,
        startDate: r.snapshot.startDate,
        workplaceMunicipality: r.snapshot.workplaceMunicipality,
        occupations: r.snapshot.occupations,
        tasks: r.snapshot.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
        shortage: r.snapshot.shortage,
        support: {
          supervisorCapacity: r.snapshot.support.supervisorCapacity,
          languageSupport: r.snapshot.support.languageSupport,
          pairInternshipAllowed: r.snapshot.support.pairInternshipAllowed,
        },
        region: r.tenant,
      },
    }));
  }

  /** Inverted index: candidates with a profile who hold at least one of the tasks. */
  /**
   * Inverted index: candidates holding at least one of the tasks. With `reach` (the municipalities a workplace can
   * be reached from, with their travel minutes) only those whose home is close enough for their own maximum commute
   * are returned: the commute filter applied in SQL, so far-away profiles are never loaded.
   */
  async candidatesHoldingAny(em: Executor, taskIds: readonly string[], reach?: Reach): Promise<string[]> {
    const rows: { candidate_id: string }[] = reach
      ? await em.query(
          `SELECT DISTINCT l.candidate_id FROM matching.candidate_task_levels l
           JOIN matching.candidates c ON c.candidate_id = l.candidate_id AND c.profile IS NOT NULL
           JOIN unnest($2::text[], $3::float8[]) AS r(code, minutes)
             ON r.code = c.profile->>'homeMunicipality' AND (c.profile->>'maxCommuteMinutes')::float8 >= r.minutes
           WHERE l.task_id = ANY($1)`,
          [taskIds, reach.codes, reach.minutes],
        )
      : await em.query(
          `SELECT DISTINCT l.candidate_id FROM matching.candidate_task_levels l
           JOIN matching.candidates c ON c.candidate_id = l.candidate_id AND c.profile IS NOT NULL
           WHERE l.task_id = ANY($1)`,
          [taskIds],
        );
    return rows.map((r) => r.candidate_id);
  }

  /**
   * Inverted index: open needs with positions left that ask for at least one of the tasks; with `workplaces`, only
   * needs in those municipalities (the ones within her commute).
   */
  async openNeedsAskingAny(em: Executor, taskIds: readonly string[], workplaces?: readonly string[]): Promise<string[]> {
    const rows: { need_id: string }[] = await em.query(
      `SELECT DISTINCT t.need_id FROM matching.need_tasks t
       JOIN matching.needs n ON n.need_id = t.need_id AND n.status = 'open' AND n.positions_left > 0
       WHERE t.task_id = ANY($1) AND ($2::text[] IS NULL OR n.workplace_municipality = ANY($2))`,
      [taskIds, workplaces ?? null],
    );
    return rows.map((r) => r.need_id);
  }

  async candidates(em: Executor, candidateIds: readonly string[]): Promise<MatchableCandidate[]> {
    if (candidateIds.length === 0) return [];
    const rows: {
      candidate_id: string;
      profile: CandidateProfileV1Payload;
      matching_consent: boolean;
      levels: Record<string, TaskLevel> | null;
    }[] = await em.query(
      `SELECT c.candidate_id, c.profile, c.matching_consent,
           (SELECT jsonb_object_agg(l.task_id, l.level) FROM matching.candidate_task_levels l WHERE l.candidate_id = c.candidate_id) AS levels
         FROM matching.candidates c WHERE c.candidate_id = ANY($1) AND c.profile IS NOT NULL`,
      [candidateIds],
    );
    return rows.map((r) => ({
      candidateId: r.candidate_id,
      forMatching: {
        candidateId: r.candidate_id,
        homeMunicipality: r.profile.homeMunicipality,
        availableFrom: r.profile.availableFrom,
        maxCommuteMinutes: r.profile.maxCommuteMinutes,
        interests: r.profile.interests,
        supportNeeds: {
          closeSupervision: r.profile.supportNeeds.closeSupervision,
          languageSupport: r.profile.supportNeeds.languageSupport,
        },
        consentActive: r.matching_consent,
        waitingSince: r.profile.waitingSince,
        validations: r.levels ?? {},
      },
    }));
  }

  /**
   * Pairs that must not become edges: rejected before (never proposed again), or already accepted or placed (they
   * hold capacity outside the assignment).
   */
  async settledPairs(em: Executor, by: { candidateId?: string; needId?: string }): Promise<Set<string>> {
    const rows: { candidate_id: string; need_id: string }[] = await em.query(
      `SELECT candidate_id, need_id FROM matching.proposals
       WHERE status IN ('rejected', 'accepted', 'placed') AND ($1::uuid IS NULL OR candidate_id = $1) AND ($2::uuid IS NULL OR need_id = $2)`,
      [by.candidateId ?? null, by.needId ?? null],
    );
    return new Set(rows.map((r) => `${r.candidate_id}|${r.need_id}`));
  }

  async rejected(em: Executor, candidateId: string, needId: string): Promise<boolean> {
    const rows = await em.query(
      `SELECT 1 FROM matching.proposals WHERE candidate_id = $1 AND need_id = $2 AND status = 'rejected' LIMIT 1`,
      [candidateId, needId],
    );
    return rows.length > 0;
  }

  async acceptedPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { need_id: string; n: string }[] = await em.query(
      `SELECT need_id, count(*) AS n FROM matching.proposals WHERE status = 'accepted' AND need_id = ANY($1) GROUP BY need_id`,
      [needIds],
    );
    return new Map(rows.map((r) => [r.need_id, Number(r.n)]));
  }

  /** What holds a candidate's slots outside the assignment: accepted proposals and placements under way. */
  async acceptedPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { candidate_id: string; n: string }[] = await em.query(
      `SELECT candidate_id, count(*) AS n FROM (
         SELECT candidate_id FROM matching.proposals WHERE status = 'accepted' AND candidate_id = ANY($1)
         UNION ALL
         SELECT candidate_id FROM matching.placements WHERE status = 'started' AND candidate_id = ANY($1)
       ) committed GROUP BY candidate_id`,
      [candidateIds],
    );
    return new Map(rows.map((r) => [r.candidate_id, Number(r.n)]));
  }

  async replaceNeedEdges(em: Executor, needId: string, edges: readonly EdgeRow[]): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE need_id = $1`, [needId]);
    await this.insertEdges(em, edges);
  }

  async replaceCandidateEdges(em: Executor, candidateId: string, edges: readonly EdgeRow[]): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = $1`, [candidateId]);
    await this.insertEdges(em, edges);
  }

  async deleteEdge(em: Executor, candidateId: string, needId: string): Promise<void> {
    await em.query(`DELETE FROM matching.match_edges WHERE candidate_id = $1 AND need_id = $2`, [candidateId, needId]);
  }

  async edges(em: Executor, pairs: readonly { candidate: string; need: string }[]): Promise<Map<string, EdgeRow>> {
    if (pairs.length === 0) return new Map();
    const rows: { candidate_id: string; need_id: string; score: string; explanation: Explanation; weights_version: string }[] =
      await em.query(
        `SELECT e.* FROM matching.match_edges e JOIN unnest($1::uuid[], $2::uuid[]) AS p(c, n) ON e.candidate_id = p.c AND e.need_id = p.n`,
        [pairs.map((p) => p.candidate), pairs.map((p) => p.need)],
      );
    return new Map(rows.map((r) => [`${r.candidate_id}|${r.need_id}`, this.edgeRow(r)]));
  }

  async allEdges(em: Executor): Promise<{ candidateId: string; needId: string; score: number }[]> {
    const rows: { candidate_id: string; need_id: string; score: string }[] = await em.query(
      `SELECT candidate_id, need_id, score FROM matching.match_edges`,
    );
    return rows.map((r) => ({ candidateId: r.candidate_id, needId: r.need_id, score: Number(r.score) }));
  }

  async proposedPairs(em: Executor): Promise<{ candidate: string; need: string }[]> {
    const rows: { candidate_id: string; need_id: string }[] = await em.query(
      `SELECT candidate_id, need_id FROM matching.proposals WHERE status = 'proposed'`,
    );
    return rows.map((r) => ({ candidate: r.candidate_id, need: r.need_id }));
  }

  private async insertEdges(em: Executor, edges: readonly EdgeRow[]): Promise<void> {
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

  private edgeRow(r: { candidate_id: string; need_id: string; score: string; explanation: Explanation; weights_version: string }): EdgeRow {
    return {
      candidateId: r.candidate_id,
      needId: r.need_id,
      score: Number(r.score),
      explanation: r.explanation,
      weightsVersion: r.weights_version,
    };
  }
}
