import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_WEIGHTS, FactorWeights, ScoringWeights, WeightsError, WeightsRegistry } from '@jobbspar/matching-core';
import { DomainError } from '@jobbspar/platform';
import { DataSource, EntityManager } from 'typeorm';

export class WeightsInvalid extends DomainError<'WEIGHTS_INVALID'> {
  readonly code = 'WEIGHTS_INVALID';
}

/**
 * Scoring weights per region, versioned and stored; the registry in memory is a cache of the `weights` table,
 * reloaded after every change so it never holds a version that did not commit.
 */
@Injectable()
export class WeightsService {
  private registry?: WeightsRegistry;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(region: string | undefined, em: Pick<EntityManager, 'query'> = this.dataSource): Promise<ScoringWeights> {
    return (await this.load(em)).current(region);
  }

  async set(region: string, weights: FactorWeights, actor: string): Promise<ScoringWeights> {
    const saved = await this.dataSource.transaction(async (em) => {
      // Serialises concurrent changes to one region: the (region, seq) key would reject the loser anyway.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`weights:${region}`]);
      const registry = await this.read(em);
      let version: string;
      try {
        version = registry.set(region, weights);
      } catch (error) {
        if (error instanceof WeightsError) throw new WeightsInvalid(error.message);
        throw error;
      }
      const stored = registry.get(version)!;
      const seq = Number(/-v(\d+)$/.exec(version)![1]);
      await em.query(`INSERT INTO matching.weights (version, region, seq, weights, created_by) VALUES ($1, $2, $3, $4, $5)`, [
        version,
        region,
        seq,
        JSON.stringify(stored),
        actor,
      ]);
      return stored;
    });
    this.registry = undefined;
    return saved;
  }

  async history(region: string): Promise<{ version: string; weights: ScoringWeights; createdAt: string }[]> {
    const rows: { version: string; weights: ScoringWeights; created_at: Date }[] = await this.dataSource.query(
      `SELECT version, weights, created_at FROM matching.weights WHERE region = $1 ORDER BY seq`,
      [region],
    );
    return rows.map((r) => ({ version: r.version, weights: r.weights, createdAt: r.created_at.toISOString() }));
  }

  private async load(em: Pick<EntityManager, 'query'>): Promise<WeightsRegistry> {
    this.registry ??= await this.read(em);
    return this.registry;
  }

  private async read(em: Pick<EntityManager, 'query'>): Promise<WeightsRegistry> {
    const rows: { region: string; weights: ScoringWeights }[] = await em.query(
      `SELECT region, weights FROM matching.weights ORDER BY region, seq`,
    );
    return new WeightsRegistry(DEFAULT_WEIGHTS, rows);
  }
}
