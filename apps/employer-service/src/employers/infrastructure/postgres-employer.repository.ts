import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Employer } from '../domain/employer';
import { EmployerRepository } from '../domain/employer.repository';
import { EmployerMapper } from './employer.mapper';
import { EmployerOrmEntity } from './employer.orm-entity';

@Injectable()
export class PostgresEmployerRepository extends EmployerRepository {
  override async findById(em: EntityManager, id: string): Promise<Employer | null> {
    const row = await em.getRepository(EmployerOrmEntity).findOneBy({ id });
    return row ? EmployerMapper.toDomain(row) : null;
  }

  override async findIdByOrganisationNumber(em: EntityManager, organisationNumber: string): Promise<string | null> {
    const row = await em.getRepository(EmployerOrmEntity).findOne({ where: { organisationNumber }, select: { id: true } });
    return row?.id ?? null;
  }

  override async insert(em: EntityManager, employer: Employer): Promise<void> {
    await em.getRepository(EmployerOrmEntity).insert(EmployerMapper.toOrm(employer));
  }
}
