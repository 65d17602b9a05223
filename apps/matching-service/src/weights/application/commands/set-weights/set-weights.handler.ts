import { DEFAULT_WEIGHTS, ScoringWeights, WeightsError, WeightsRegistry } from '@jobbspar/matching-core';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WeightsInvalid } from '../../../domain/weights.errors';
import { WeightsRepository } from '../../../domain/weights.repository';
import { CurrentWeights } from '../../current-weights';
import { SetWeightsCommand } from './set-weights.command';

/**
 * Versions are numbered per region from what is stored (under the region's lock), not from what this instance has
 * seen, so two instances never issue the same version.
 */
@CommandHandler(SetWeightsCommand)
export class SetWeightsHandler implements ICommandHandler<SetWeightsCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly weights: WeightsRepository,
    private readonly current: CurrentWeights,
  ) {}

  async execute({ region, weights, ctx }: SetWeightsCommand): Promise<ScoringWeights> {
    const saved = await this.dataSource.transaction(async (em) => {
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
      await this.weights.insert(em, { version, region, seq: Number(/-v(\d+)$/.exec(version)![1]), weights: stored, createdBy: ctx.actor });
      return stored;
    });
    this.current.invalidate();
    return saved;
  }
}
