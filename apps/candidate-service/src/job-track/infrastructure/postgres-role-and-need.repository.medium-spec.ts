import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { candidateDatabase } from '../../../test/candidate-database';
import type { NeedSnapshotRecord } from '../domain/role-and-need.repository';
import { PostgresRoleAndNeedRepository } from './postgres-role-and-need.repository';

const repository = new PostgresRoleAndNeedRepository();
const SERVE = { taskId: 'kitchen.serve-lunch', requiredLevel: 2 as const, weight: 'must-have' as const };
const CLEAN = { taskId: 'cleaning.restock-classroom', requiredLevel: 1 as const, weight: 'nice-to-have' as const };

describe(PostgresRoleAndNeedRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await candidateDatabase();
  });
  afterAll(() => db.close());

  const need = (over: Partial<NeedSnapshotRecord> = {}): NeedSnapshotRecord => ({
    needId: randomUUID(),
    revision: 2,
    status: 'open',
    roleId: randomUUID(),
    workplaceMunicipality: '1496',
    tasks: [SERVE],
    positionsLeft: 2,
    ...over,
  });
  const stored = async (needId: string) =>
    (
      await db.query(`SELECT revision, status, workplace_municipality, tasks, positions_left FROM candidate.needs WHERE need_id = $1`, [
        needId,
      ])
    )[0];

  it('keeps each role version as first recorded', async () => {
    const roleId = randomUUID();

    await db.transaction((em) => repository.recordRoleVersion(em, { roleId, version: 1, name: 'Kock', tasks: [SERVE] }));
    await db.transaction((em) => repository.recordRoleVersion(em, { roleId, version: 1, name: 'Renamed', tasks: [CLEAN] }));
    await db.transaction((em) => repository.recordRoleVersion(em, { roleId, version: 2, name: 'Kock', tasks: [SERVE, CLEAN] }));

    expect(await db.query(`SELECT version, name, tasks FROM candidate.roles WHERE role_id = $1 ORDER BY version`, [roleId])).toEqual([
      { version: 1, name: 'Kock', tasks: [SERVE] },
      { version: 2, name: 'Kock', tasks: [SERVE, CLEAN] },
    ]);
  });

  it('changes a need only for a newer revision', async () => {
    const n = need({ revision: 2 });
    await db.transaction((em) => repository.recordNeedSnapshot(em, n));

    await db.transaction((em) => repository.recordNeedSnapshot(em, { ...n, revision: 1, positionsLeft: 9, status: 'draft' }));
    expect(await stored(n.needId)).toEqual({
      revision: 2,
      status: 'open',
      workplace_municipality: '1496',
      tasks: [SERVE],
      positions_left: 2,
    });

    await db.transaction((em) => repository.recordNeedSnapshot(em, { ...n, revision: 3, positionsLeft: 1, tasks: [SERVE, CLEAN] }));
    expect(await stored(n.needId)).toEqual({
      revision: 3,
      status: 'open',
      workplace_municipality: '1496',
      tasks: [SERVE, CLEAN],
      positions_left: 1,
    });
  });

  it('lets a close win over the older snapshot it overtook, and over nothing newer', async () => {
    const n = need({ revision: 2 });

    await db.transaction((em) => repository.recordNeedClosed(em, { needId: n.needId, revision: 3, status: 'closed' }));
    await db.transaction((em) => repository.recordNeedSnapshot(em, n));
    expect(await stored(n.needId)).toEqual({ revision: 3, status: 'closed', workplace_municipality: null, tasks: [], positions_left: 0 });

    const later = need({ revision: 5 });
    await db.transaction((em) => repository.recordNeedSnapshot(em, later));
    await db.transaction((em) => repository.recordNeedClosed(em, { needId: later.needId, revision: 4, status: 'closed' }));
    expect((await stored(later.needId)).status).toBe('open');
  });
});
