import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoleVersionOrmEntity } from '../../roles/infrastructure/role.orm-entity';
import { Need } from '../domain/need';
import { NeedMapper } from './need.mapper';
import { NeedOrmEntity } from './need.orm-entity';

@Injectable()
export class NeedRepository {
  /**
   * Loads a need with its frozen role version. With `lock`, the row is held until the transaction ends, so an
   * employer's edit and a placement arriving from matching cannot both build on the same revision.
   */
  async findById(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Need | null> {
    const row = await em.getRepository(NeedOrmEntity).findOne({
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    const version = await em.getRepository(RoleVersionOrmEntity).findOneByOrFail({ roleId: row.roleId, version: row.roleVersion });
    return NeedMapper.toDomain(row, NeedMapper.roleFrom(version));
  }

  async insert(em: EntityManager, need: Need): Promise<void> {
    await em.getRepository(NeedOrmEntity).insert(NeedMapper.toOrm(need));
  }

  async save(em: EntityManager, need: Need): Promise<void> {
    const { id, ...changes } = NeedMapper.toOrm(need);
    await em.getRepository(NeedOrmEntity).update({ id }, changes);
  }
}
