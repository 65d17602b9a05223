import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NeedSnapshotRecord, RoleAndNeedRepository, RoleVersionRecord } from '../domain/role-and-need.repository';

@Injectable()
export class PostgresRoleAndNeedRepository extends RoleAndNeedRepository {
  override async recordRoleVersion(em: EntityManager, r: RoleVersionRecord): Promise<void> {
    await em.query(
      `INSERT INTO candidate.roles (role_id, version, name, tasks) VALUES ($1, $2, $3, $4) ON CONFLICT (role_id, version) DO NOTHING`,
      [r.roleId, r.version, r.name, JSON.stringify(r.tasks)],
    );
  }

  override async recordNeedSnapshot(em: EntityManager, n: NeedSnapshotRecord): Promise<void> {
    await em.query(
      `INSERT INTO candidate.needs (need_id, revision, status, role_id, workplace_municipality, tasks, positions_left)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (need_id) DO UPDATE SET revision = $2, status = $3, role_id = $4, workplace_municipality = $5, tasks = $6, positions_left = $7
       WHERE candidate.needs.revision < $2`,
      [n.needId, n.revision, n.status, n.roleId, n.workplaceMunicipality, JSON.stringify(n.tasks), n.positionsLeft],
    );
  }

  override async recordNeedClosed(em: EntityManager, n: { needId: string; revision: number; status: string }): Promise<void> {
    await em.query(
      `INSERT INTO candidate.needs (need_id, revision, status) VALUES ($1, $2, $3)
       ON CONFLICT (need_id) DO UPDATE SET revision = $2, status = $3 WHERE candidate.needs.revision < $2`,
      [n.needId, n.revision, n.status],
    );
  }
}
