import type { EntityManager } from 'typeorm';
import type { TaskRequirement } from './job-track';

export interface RoleVersionRecord {
  roleId: string;
  version: number;
  name: string;
  tasks: TaskRequirement[];
}

export interface NeedSnapshotRecord {
  needId: string;
  revision: number;
  status: string;
  roleId: string;
  workplaceMunicipality: string;
  tasks: TaskRequirement[];
  positionsLeft: number;
}

/**
 * What job tracks are computed from, as employer-service announced it: role versions (`candidate.roles`) and needs
 * (`candidate.needs`). Need events may arrive out of order: only a newer revision changes a need.
 */
export abstract class RoleAndNeedRepository {
  /** A version once recorded never changes: a repeat changes nothing. */
  abstract recordRoleVersion(em: EntityManager, role: RoleVersionRecord): Promise<void>;
  abstract recordNeedSnapshot(em: EntityManager, need: NeedSnapshotRecord): Promise<void>;
  /** A close that overtakes the posting still wins: the need is recorded closed, and the older snapshot then ignored. */
  abstract recordNeedClosed(em: EntityManager, need: { needId: string; revision: number; status: string }): Promise<void>;
}
