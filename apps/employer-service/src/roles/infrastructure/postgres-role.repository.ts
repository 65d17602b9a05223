import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role, RoleVersion } from '../domain/role';
import { RoleRepository } from '../domain/role.repository';
import { RoleMapper } from './role.mapper';
import { RoleOrmEntity, RoleVersionOrmEntity } from './role.orm-entity';

@Injectable()
export class PostgresRoleRepository extends RoleRepository {
  override async findById(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Role | null> {
    const row = await em.getRepository(RoleOrmEntity).findOne({
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    const versions = await em.getRepository(RoleVersionOrmEntity).find({ where: { roleId: id }, order: { version: 'ASC' } });
    return RoleMapper.toDomain(row, versions);
  }

  override async findStandardBySsyk(em: EntityManager, ssyk: string, options: { lock?: boolean } = {}): Promise<Role | null> {
    const row = await em.getRepository(RoleOrmEntity).findOne({
      where: { kind: 'standard', ssyk },
      select: { id: true },
    });
    return row ? this.findById(em, row.id, options) : null;
  }

  override async findVersion(em: EntityManager, roleId: string, version: number): Promise<RoleVersion | null> {
    const row = await em.getRepository(RoleVersionOrmEntity).findOneBy({ roleId, version });
    return row ? RoleMapper.versionToDomain(row) : null;
  }

  override async lockStandardRole(em: EntityManager, ssyk: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`standard-role:${ssyk}`]);
  }

  override async insert(em: EntityManager, role: Role, now: Date): Promise<void> {
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

  override async addVersion(em: EntityManager, role: Role, version: RoleVersion): Promise<void> {
    await em.getRepository(RoleVersionOrmEntity).insert(RoleMapper.versionToOrm(role.id, version));
    await em.getRepository(RoleOrmEntity).update({ id: role.id }, { latestVersion: version.version, updatedAt: version.createdAt });
  }
}
