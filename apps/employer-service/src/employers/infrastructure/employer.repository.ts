import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Employer } from '../domain/employer';
import { EmployerMapper } from './employer.mapper';
import { EmployerOrmEntity } from './employer.orm-entity';

/** Every method takes the EntityManager of the caller's transaction. */
@Injectable()
export class EmployerRepository {
  async findById(em: EntityManager, id: string): Promise<Employer | null> {
    const row = await em.getRepository(EmployerOrmEntity).findOneBy({ id });
    return row ? EmployerMapper.toDomain(row) : null;
  }

  async findIdByOrganisationNumber(em: EntityManager, organisationNumber: string): Promise<string | null> {
    const row = await em.getRepository(EmployerOrmEntity).findOne({ where: { organisationNumber }, select: { id: true } });
    return row?.id ?? null;
  }

  async insert(em: EntityManager, employer: Employer): Promise<void> {
    await em.getRepository(EmployerOrmEntity).insert(EmployerMapper.toOrm(employer));
  }
}
