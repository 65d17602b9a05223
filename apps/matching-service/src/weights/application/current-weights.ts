import { DEFAULT_WEIGHTS, ScoringWeights, WeightsRegistry } from '@jobbspar/matching-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { WeightsRepository } from '../domain/weights.repository';

/**
 * The weights scoring uses now, per region. The registry in memory is a cache of the `weights` table, dropped after
 * every change so it never holds a version that did not commit.
 */
@Injectable()
export class CurrentWeights {
  private registry?: WeightsRegistry;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly weights: WeightsRepository,
  ) {}

  /** The region's latest weights, or the defaults for a region without its own; `em` reads the table if not cached. */
  async current(region: string | undefined, em: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<ScoringWeights> {
    this.registry ??= new WeightsRegistry(DEFAULT_WEIGHTS, await this.weights.all(em));
    return this.registry.current(region);
  }

  /** The weights of a version, whichever region's and however old (versions never change); undefined if unknown. */
  async version(version: string, em: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<ScoringWeights | undefined> {
    this.registry ??= new WeightsRegistry(DEFAULT_WEIGHTS, await this.weights.all(em));
    return this.registry.get(version);
  }

  /** After a change has committed: the next read loads the table again. */
  invalidate(): void {
    this.registry = undefined;
  }
}
