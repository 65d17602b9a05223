import { Role, RoleKind, RoleVersion } from '../domain/role';
import { RoleOrmEntity, RoleVersionOrmEntity } from './role.orm-entity';

export const RoleMapper = {
  versionToDomain(row: RoleVersionOrmEntity): RoleVersion {
    return {
      version: row.version,
      name: row.name,
      occupations: row.occupations,
      tasks: row.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
      taxonomyVersion: row.taxonomyVersion,
      createdAt: row.createdAt,
    };
  },
  toDomain(row: RoleOrmEntity, versions: RoleVersionOrmEntity[]): Role {
    return Role.restore({
      id: row.id,
      kind: row.kind as RoleKind,
      employerId: row.employerId,
      ssyk: row.ssyk,
      tenant: row.tenant,
      versions: [...versions].sort((a, b) => a.version - b.version).map(RoleMapper.versionToDomain),
    });
  },
  versionToOrm(roleId: string, version: RoleVersion): RoleVersionOrmEntity {
    return Object.assign(new RoleVersionOrmEntity(), {
      roleId,
      version: version.version,
      name: version.name,
      occupations: [...version.occupations],
      tasks: version.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
      taxonomyVersion: version.taxonomyVersion,
      createdAt: version.createdAt,
    });
  },
};
