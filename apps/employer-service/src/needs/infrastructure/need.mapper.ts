import type { NeedSnapshotV1Payload } from '@jobbspar/contracts';
import type { RoleVersion } from '../../roles/domain/role';
import { Need, NeedProps, NeedRole, NeedStatus, PlacementType } from '../domain/need';
import { NeedOrmEntity } from './need.orm-entity';

export const NeedMapper = {
  roleFrom(roleId: string, version: RoleVersion): NeedRole {
    return {
      roleId,
      version: version.version,
      name: version.name,
      occupations: version.occupations,
      tasks: version.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
    };
  },

  toDomain(row: NeedOrmEntity, role: NeedRole): Need {
    return Need.restore({
      id: row.id,
      employerId: row.employerId,
      role,
      positions: row.positions,
      positionsFilled: row.positionsFilled,
      workplaceMunicipality: row.workplaceMunicipality,
      countyCode: row.countyCode,
      startDate: row.startDate,
      placementType: row.placementType as PlacementType,
      support: {
        supervisorCapacity: row.supervisorCapacity,
        pairInternshipAllowed: row.pairInternshipAllowed,
        languageSupport: row.languageSupport,
      },
      status: row.status as NeedStatus,
      shortage: row.shortage,
      closeReason: row.closeReason,
      revision: row.revision,
      postedAt: row.postedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },

  toOrm(need: Need): NeedOrmEntity {
    const p = need.toProps();
    return Object.assign(new NeedOrmEntity(), {
      id: p.id,
      employerId: p.employerId,
      roleId: p.role.roleId,
      roleVersion: p.role.version,
      positions: p.positions,
      positionsFilled: p.positionsFilled,
      workplaceMunicipality: p.workplaceMunicipality,
      countyCode: p.countyCode,
      startDate: p.startDate,
      placementType: p.placementType,
      supervisorCapacity: p.support.supervisorCapacity,
      pairInternshipAllowed: p.support.pairInternshipAllowed,
      languageSupport: p.support.languageSupport,
      status: p.status,
      shortage: p.shortage,
      closeReason: p.closeReason,
      revision: p.revision,
      postedAt: p.postedAt,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    });
  },

  /** The published snapshot: the need with its frozen role version's tasks and occupations. */
  toSnapshot(props: Readonly<NeedProps>): NeedSnapshotV1Payload {
    return {
      needId: props.id,
      revision: props.revision,
      employerId: props.employerId,
      roleId: props.role.roleId,
      roleVersion: props.role.version,
      roleName: props.role.name,
      occupations: [...props.role.occupations],
      tasks: props.role.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
      positions: props.positions,
      positionsFilled: props.positionsFilled,
      workplaceMunicipality: props.workplaceMunicipality,
      countyCode: props.countyCode,
      startDate: props.startDate,
      placementType: props.placementType,
      support: { ...props.support },
      status: props.status,
      shortage: props.shortage,
    };
  },
};
