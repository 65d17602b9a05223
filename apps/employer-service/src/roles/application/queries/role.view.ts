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

/** A role's row with one of its versions' (one statement: the role and its versions, issue 14). */
export interface RoleVersionRow {
  id: string;
  kind: string;
  employer_id: string | null;
  ssyk: string | null;
  tenant: string;
  latest_version: number;
  created_at: Date;
  updated_at: Date;
  version: number | null;
  name: string;
  occupations: string[];
  tasks: TaskRequirement[];
  taxonomy_version: string;
  version_created_at: Date;
}

export function roleOf(row: RoleVersionRow): RoleOrmEntity {
  return {
    id: row.id,
    kind: row.kind,
    employerId: row.employer_id,
    ssyk: row.ssyk,
    tenant: row.tenant,
    latestVersion: row.latest_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function versionOf(row: RoleVersionRow): RoleVersionOrmEntity {
  return {
    roleId: row.id,
    version: row.version!,
    name: row.name,
    occupations: row.occupations,
    tasks: row.tasks,
    taxonomyVersion: row.taxonomy_version,
    createdAt: row.version_created_at,
  };
}

/** The role's columns and a version's, for `FROM roles r … JOIN role_versions v`. */
export const ROLE_VERSION_COLUMNS = `r.id, r.kind, r.employer_id, r.ssyk, r.tenant, r.latest_version, r.created_at, r.updated_at,
  v.version, v.name, v.occupations, v.tasks, v.taxonomy_version, v.created_at AS version_created_at`;
