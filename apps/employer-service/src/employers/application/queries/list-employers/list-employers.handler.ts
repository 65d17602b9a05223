import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { requireCounty, requireMunicipality } from '../../../../taxonomy/domain/taxonomy-lookups';
import { EmployerOrmEntity } from '../../../infrastructure/employer.orm-entity';
import type { Page } from '../../../../common/page';
import { EmployerView } from '../employer.view';
import { employerView } from '../get-employer/get-employer.handler';
import { ListEmployersQuery } from './list-employers.query';

@QueryHandler(ListEmployersQuery)
export class ListEmployersHandler implements IQueryHandler<ListEmployersQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ filter }: ListEmployersQuery): Promise<Page<EmployerView>> {
    const where: FindOptionsWhere<EmployerOrmEntity> = {};
    if (filter.municipalityCode !== undefined) where.municipalityCode = requireMunicipality(filter.municipalityCode, 'municipality').code;
    if (filter.countyCode !== undefined) where.countyCode = requireCounty(filter.countyCode, 'county').code;
    if (filter.isMunicipality !== undefined) where.isMunicipality = filter.isMunicipality;
    const [rows, total] = await this.dataSource.getRepository(EmployerOrmEntity).findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items: rows.map(employerView), total, limit: filter.limit, offset: filter.offset };
  }
}
