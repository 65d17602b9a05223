import { Injectable } from '@nestjs/common';
import type { ShortageOverride } from '@jobbspar/taxonomy';
import { EntityManager } from 'typeorm';
import { ShortageOverrideRecord, ShortageOverrideRepository } from '../domain/shortage-override.repository';
import { ShortageOverrideOrmEntity } from './shortage-override.orm-entity';

@Injectable()
export class PostgresShortageOverrideRepository extends ShortageOverrideRepository {
  override async all(em: EntityManager): Promise<ShortageOverrideRecord[]> {
    return em.getRepository(ShortageOverrideOrmEntity).find({ order: { countyCode: 'ASC', ssyk: 'ASC' } });
  }

  override async forCounty(em: EntityManager, countyCode: string): Promise<ShortageOverride[]> {
    const rows = await em.getRepository(ShortageOverrideOrmEntity).find({ where: { countyCode } });
    return rows.map(({ countyCode: c, ssyk, shortage }) => ({ countyCode: c, ssyk, shortage }));
  }

  override async upsert(em: EntityManager, override: ShortageOverrideRecord): Promise<void> {
    await em
      .getRepository(ShortageOverrideOrmEntity)
      .upsert(Object.assign(new ShortageOverrideOrmEntity(), override), ['countyCode', 'ssyk']);
  }

  override async remove(em: EntityManager, countyCode: string, ssyk: string): Promise<boolean> {
    const result = await em.getRepository(ShortageOverrideOrmEntity).delete({ countyCode, ssyk });
    return (result.affected ?? 0) > 0;
  }
}
