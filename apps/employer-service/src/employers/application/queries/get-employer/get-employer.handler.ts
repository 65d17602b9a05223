import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EmployerNotFoundError } from '../../../domain/employer.errors';
import { EmployerOrmEntity } from '../../../infrastructure/employer.orm-entity';
import { EmployerView } from '../employer.view';
import { GetEmployerQuery } from './get-employer.query';

export function employerView(row: EmployerOrmEntity): EmployerView {
  return {
    id: row.id,
    organisationNumber: row.organisationNumber,
    name: row.name,
    sector: row.sector as EmployerView['sector'],
    municipalityCode: row.municipalityCode,
    countyCode: row.countyCode,
    isMunicipality: row.isMunicipality,
    registeredAt: row.registeredAt.toISOString(),
  };
}

@QueryHandler(GetEmployerQuery)
export class GetEmployerHandler implements IQueryHandler<GetEmployerQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ employerId }: GetEmployerQuery): Promise<EmployerView> {
    const row = await this.dataSource.getRepository(EmployerOrmEntity).findOneBy({ id: employerId });
    if (!row) throw new EmployerNotFoundError('id', employerId);
    return employerView(row);
  }
}
