import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role, RoleVersion } from '../domain/role';
import { RoleMapper } from './role.mapper';
import { RoleOrmEntity, RoleVersionOrmEntity } from './role.orm-entity';

/** A role and its versions are one aggregate; versions are only ever inserted. */
@Injectable()
export class RoleRepository {
  /** With `lock`, the role row is held until the transaction ends, so two revisions cannot claim one version number. */
  async findById(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Role | null> {
    const row = await em.getRepository(RoleOrmEntity).findOne({
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    const versions = await em.getRepository(RoleVersionOrmEntity).find({ where: { roleId: id }, order: { version: 'ASC' } });
    return RoleMapper.toDomain(row, versions);
  }

  async findStandardBySsyk(em: EntityManager, ssyk: string, options: { lock?: boolean } = {}): Promise<Role | null> {
    const row = await em.getRepository(RoleOrmEntity).findOne({
      where: { kind: 'standard', ssyk },
      select: { id: true },
    });
    return row ? this.findById(em, row.id, options) : null;
  }

  async insert(em: EntityManager, role: Role, now: Date): Promise<void> {
    const props = role.toProps();
    await em.getRepository(RoleOrmEntity).insert({
      id: props.id,
      kind: props.kind,
      employerId: props.employerId,
      ssyk: props.ssyk,
      tenant: props.tenant,
      latestVersion: role.latest.version,
      createdAt: now,
      updatedAt: now,
    });
    await em.getRepository(RoleVersionOrmEntity).insert(props.versions.map((v) => RoleMapper.versionToOrm(props.id, v)));
  }

  async addVersion(em: EntityManager, role: Role, version: RoleVersion): Promise<void> {
    await em.getRepository(RoleVersionOrmEntity).insert(RoleMapper.versionToOrm(role.id, version));
    await em.getRepository(RoleOrmEntity).update({ id: role.id }, { latestVersion: version.version, updatedAt: version.createdAt });
  }
}
