import { DEFAULT_WEIGHTS, ScoringWeights, WeightsError, WeightsRegistry } from '@jobbspar/matching-core';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { WeightsInvalid } from '../../../domain/weights.errors';
import { WeightsRepository } from '../../../domain/weights.repository';
import { CurrentWeights } from '../../current-weights';
import { SetWeightsCommand } from './set-weights.command';

/**
 * Versions are numbered per region from what is stored (under the region's lock), not from what this instance has
 * seen, so two instances never issue the same version. In the same transaction the region's open needs are
 * re-scored with the new weights (MatchingEngine.onWeightsChanged): open proposals never show scores of old weights
 * once new ones are stored, and nothing scores with new ones that did not commit.
 */
@CommandHandler(SetWeightsCommand)
export class SetWeightsHandler implements ICommandHandler<SetWeightsCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly weights: WeightsRepository,
    private readonly current: CurrentWeights,
    private readonly engine: MatchingEngine,
  ) {}

  async execute({ region, weights, ctx }: SetWeightsCommand): Promise<ScoringWeights> {
    try {
      return await this.dataSource.transaction(async (em) => {
        // The matching lock first: no matching work runs between storing the weights and re-scoring with them.
        await this.engine.enter(em, ctx);
        await this.weights.lockRegion(em, region);
        const registry = new WeightsRegistry(DEFAULT_WEIGHTS, await this.weights.all(em));
        let version: string;
        try {
          version = registry.set(region, weights);
        } catch (error) {
          if (error instanceof WeightsError) throw new WeightsInvalid(error.message);
          throw error;
        }
        const stored = registry.get(version)!;
        await this.weights.insert(em, {
          version,
          region,
          seq: Number(/-v(\d+)$/.exec(version)![1]),
          weights: stored,
          createdBy: ctx.actor,
        });
        // Scoring in this transaction reads the table again, so it sees the version just stored.
        this.current.invalidate();
        await this.engine.onWeightsChanged(em, region, ctx);
        return stored;
      });
    } finally {
      // Committed or not, the cache may hold what this transaction saw: the next read loads the table again.
      this.current.invalidate();
    }
  }
}
