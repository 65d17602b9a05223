import { Injectable } from '@nestjs/common';
import type { ShortageOverride } from '@jobbspar/taxonomy';
import { EntityManager } from 'typeorm';
import { ShortageOverrideOrmEntity } from './shortage-override.orm-entity';

@Injectable()
export class ShortageOverrideRepository {
  async all(em: EntityManager): Promise<ShortageOverrideOrmEntity[]> {
    return em.getRepository(ShortageOverrideOrmEntity).find({ order: { countyCode: 'ASC', ssyk: 'ASC' } });
  }

  /** The overrides for one county, in the shape the taxonomy's shortage functions take. */
  async forCounty(em: EntityManager, countyCode: string): Promise<ShortageOverride[]> {
    const rows = await em.getRepository(ShortageOverrideOrmEntity).find({ where: { countyCode } });
    return rows.map(({ countyCode: c, ssyk, shortage }) => ({ countyCode: c, ssyk, shortage }));
  }

  async upsert(em: EntityManager, override: ShortageOverrideOrmEntity): Promise<void> {
    await em.getRepository(ShortageOverrideOrmEntity).upsert(override, ['countyCode', 'ssyk']);
  }

  async remove(em: EntityManager, countyCode: string, ssyk: string): Promise<boolean> {
    const result = await em.getRepository(ShortageOverrideOrmEntity).delete({ countyCode, ssyk });
    return (result.affected ?? 0) > 0;
  }
}
