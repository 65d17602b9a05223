import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoleRepository } from '../../roles/domain/role.repository';
import { Need } from '../domain/need';
import { NeedRepository } from '../domain/need.repository';
import { NeedMapper } from './need.mapper';
import { NeedOrmEntity } from './need.orm-entity';

/** The role version a need froze belongs to the roles module: it is read through the roles' repository. */
@Injectable()
export class PostgresNeedRepository extends NeedRepository {
  constructor(private readonly roles: RoleRepository) {
    super();
  }

  override async findById(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Need | null> {
    const row = await em.getRepository(NeedOrmEntity).findOne({
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    const version = await this.roles.findVersion(em, row.roleId, row.roleVersion);
    if (!version) throw new Error(`need ${id} points at role ${row.roleId} version ${row.roleVersion}, which does not exist`);
    return NeedMapper.toDomain(row, NeedMapper.roleFrom(row.roleId, version));
  }

  override async insert(em: EntityManager, need: Need): Promise<void> {
    await em.getRepository(NeedOrmEntity).insert(NeedMapper.toOrm(need));
  }

  override async save(em: EntityManager, need: Need): Promise<void> {
    const { id, ...changes } = NeedMapper.toOrm(need);
    await em.getRepository(NeedOrmEntity).update({ id }, changes);
  }
}
