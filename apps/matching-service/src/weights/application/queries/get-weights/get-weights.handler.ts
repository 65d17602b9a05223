import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WeightsRepository } from '../../../domain/weights.repository';
import { CurrentWeights } from '../../current-weights';
import { GetWeightsQuery, WeightsView } from './get-weights.query';

@QueryHandler(GetWeightsQuery)
export class GetWeightsHandler implements IQueryHandler<GetWeightsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly weights: WeightsRepository,
    private readonly current: CurrentWeights,
  ) {}

  async execute({ region }: GetWeightsQuery): Promise<WeightsView> {
    const current = await this.current.current(region);
    const history = await this.weights.history(this.dataSource.manager, region);
    return { region, current, history: history.map((h) => h.version) };
  }
}
