import type { RegionWeights, ScoringWeights } from '@jobbspar/matching-core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StoredWeights, WeightsRepository } from '../domain/weights.repository';

type Executor = Pick<EntityManager, 'query'>;

/** WeightsRepository in SQL; the region lock is a transaction-scoped advisory lock. */
@Injectable()
export class PostgresWeightsRepository extends WeightsRepository {
  override async lockRegion(em: Executor, region: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`weights:${region}`]);
  }

  override async all(em: Executor): Promise<RegionWeights[]> {
    return em.query(`SELECT region, weights FROM matching.weights ORDER BY region, seq`);
  }

  override async insert(em: Executor, w: StoredWeights): Promise<void> {
    await em.query(`INSERT INTO matching.weights (version, region, seq, weights, created_by) VALUES ($1, $2, $3, $4, $5)`, [
      w.version,
      w.region,
      w.seq,
      JSON.stringify(w.weights),
      w.createdBy,
    ]);
  }

  override async history(em: Executor, region: string): Promise<{ version: string; weights: ScoringWeights; createdAt: Date }[]> {
    const rows: { version: string; weights: ScoringWeights; created_at: Date }[] = await em.query(
      `SELECT version, weights, created_at FROM matching.weights WHERE region = $1 ORDER BY seq`,
      [region],
    );
    return rows.map((r) => ({ version: r.version, weights: r.weights, createdAt: r.created_at }));
  }
}
