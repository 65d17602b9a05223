import { getTask, type TaskLevel, type TaskWeight } from '@jobbspar/taxonomy';
import type { RoleKind } from '../../domain/role';
import type { TaskRequirement } from '../../domain/role-composition';
import type { RoleOrmEntity, RoleVersionOrmEntity } from '../../infrastructure/role.orm-entity';

export interface RoleTaskView {
  taskId: string;
  requiredLevel: TaskLevel;
  weight: TaskWeight;
  /** Names from the current taxonomy, for display; absent if the task has left the taxonomy since. */
  nameSv?: string;
  nameEn?: string;
}

export interface RoleVersionView {
  roleId: string;
  version: number;
  name: string;
  occupations: string[];
  tasks: RoleTaskView[];
  taxonomyVersion: string;
  createdAt: string;
}

export interface RoleView {
  id: string;
  kind: RoleKind;
  employerId: string | null;
  ssyk: string | null;
  latestVersion: number;
  /** The latest version's content. */
  name: string;
  occupations: string[];
  tasks: RoleTaskView[];
  taxonomyVersion: string;
  createdAt: string;
  updatedAt: string;
}

export interface RoleWithVersionsView extends RoleView {
  /** Every version, oldest first. */
  versions: RoleVersionView[];
}

export function roleTaskViews(tasks: readonly TaskRequirement[]): RoleTaskView[] {
  return tasks.map((t) => {
    const task = getTask(t.taskId);
    return {
      taskId: t.taskId,
      requiredLevel: t.requiredLevel,
      weight: t.weight,
      ...(task ? { nameSv: task.nameSv, nameEn: task.nameEn } : {}),
    };
  });
}

export function roleVersionView(row: RoleVersionOrmEntity): RoleVersionView {
  return {
    roleId: row.roleId,
    version: row.version,
    name: row.name,
    occupations: row.occupations,
    tasks: roleTaskViews(row.tasks),
    taxonomyVersion: row.taxonomyVersion,
    createdAt: row.createdAt.toISOString(),
  };
}

export function roleView(role: RoleOrmEntity, latest: RoleVersionOrmEntity): RoleView {
  return {
    id: role.id,
    kind: role.kind as RoleKind,
    employerId: role.employerId,
    ssyk: role.ssyk,
    latestVersion: role.latestVersion,
    name: latest.name,
    occupations: latest.occupations,
    tasks: roleTaskViews(latest.tasks),
    taxonomyVersion: latest.taxonomyVersion,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}
