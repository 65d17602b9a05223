import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlacementNotFound } from '../../../domain/placement.errors';
import { PlacementRepository } from '../../../domain/placement.repository';
import { PlacementAccess } from '../../placement-access';
import { placementView, PlacementView } from '../placement.view';
import { GetPlacementQuery } from './get-placement.query';

@QueryHandler(GetPlacementQuery)
export class GetPlacementHandler implements IQueryHandler<GetPlacementQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly access: PlacementAccess,
  ) {}

  async execute({ placementId, viewer }: GetPlacementQuery): Promise<PlacementView> {
    const placement = await this.placements.findById(this.dataSource.manager, placementId);
    if (!placement) throw new PlacementNotFound(placementId);
    await this.access.assertVisible(this.dataSource.manager, placement, viewer);
    return placementView(placement);
  }
}
