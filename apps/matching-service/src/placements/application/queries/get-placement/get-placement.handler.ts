import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlacementNotFound } from '../../../domain/placement.errors';
import { PlacementRepository } from '../../../domain/placement.repository';
import { placementView, PlacementView } from '../placement.view';
import { GetPlacementQuery } from './get-placement.query';

@QueryHandler(GetPlacementQuery)
export class GetPlacementHandler implements IQueryHandler<GetPlacementQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
  ) {}

  async execute({ placementId }: GetPlacementQuery): Promise<PlacementView> {
    const placement = await this.placements.findById(this.dataSource.manager, placementId);
    if (!placement) throw new PlacementNotFound(placementId);
    return placementView(placement);
  }
}
