import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkplaceRecord, WorkplaceRepository } from '../domain/workplace.repository';

@Injectable()
export class PostgresWorkplaceRepository extends WorkplaceRepository {
  override async record(em: EntityManager, w: WorkplaceRecord): Promise<void> {
    await em.query(
      `INSERT INTO candidate.workplaces (workplace_id, name, municipality_code, organisation_number) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workplace_id) DO UPDATE SET name = $2, municipality_code = $3, organisation_number = $4`,
      [w.workplaceId, w.name, w.municipalityCode, w.organisationNumber],
    );
  }

  override async exists(em: EntityManager, workplaceId: string): Promise<boolean> {
    return (await em.query(`SELECT 1 FROM candidate.workplaces WHERE workplace_id = $1`, [workplaceId])).length > 0;
  }
}
