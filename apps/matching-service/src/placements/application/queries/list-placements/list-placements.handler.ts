import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlacementRepository } from '../../../domain/placement.repository';
import { PlacementAccess } from '../../placement-access';
import { placementView, PlacementView } from '../placement.view';
import { ListPlacementsQuery } from './list-placements.query';

@QueryHandler(ListPlacementsQuery)
export class ListPlacementsHandler implements IQueryHandler<ListPlacementsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly access: PlacementAccess,
  ) {}

  async execute({ viewer, filter }: ListPlacementsQuery): Promise<{ items: PlacementView[]; total: number }> {
    const em = this.dataSource.manager;
    const scope = await this.access.scope(em, viewer);
    const { items, total } = await this.placements.list(em, { ...filter, scope });
    return { items: items.map(placementView), total };
  }
}
