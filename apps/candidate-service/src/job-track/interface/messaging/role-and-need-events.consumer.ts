import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { NeedClosedV1, NeedPostedV1, NeedUpdatedV1, RoleDefinedV1, RoleVersionedV1, Topics } from '@jobbspar/contracts';
import { isEvent, type ReceivedEvent } from '@jobbspar/messaging';

/** Roles and open needs, for job tracks. Need snapshots may arrive out of order: only a newer revision applies. */
@Controller()
export class RoleAndNeedEventsConsumer {
  @EventPattern(Topics.roles)
  async onRoleEvent(event: ReceivedEvent): Promise<void> {
    if (!isEvent(event, RoleDefinedV1) && !isEvent(event, RoleVersionedV1)) return;
    const p = event.payload;
    const tasks = p.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight }));
    await event.em.query(
      `INSERT INTO candidate.roles (role_id, version, name, tasks) VALUES ($1, $2, $3, $4) ON CONFLICT (role_id, version) DO NOTHING`,
      [p.roleId, p.version, p.name, JSON.stringify(tasks)],
    );
  }

  @EventPattern(Topics.needs)
  async onNeedEvent(event: ReceivedEvent): Promise<void> {
    if (isEvent(event, NeedPostedV1) || isEvent(event, NeedUpdatedV1)) {
      const p = event.payload;
      const tasks = p.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight }));
      await event.em.query(
        `INSERT INTO candidate.needs (need_id, revision, status, role_id, workplace_municipality, tasks, positions_left)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (need_id) DO UPDATE SET revision = $2, status = $3, role_id = $4, workplace_municipality = $5, tasks = $6, positions_left = $7
         WHERE candidate.needs.revision < $2`,
        [
          p.needId,
          p.revision,
          p.status,
          p.roleId,
          p.workplaceMunicipality,
          JSON.stringify(tasks),
          Math.max(0, p.positions - p.positionsFilled),
        ],
      );
    } else if (isEvent(event, NeedClosedV1)) {
      const p = event.payload;
      // A close that overtakes the posting still wins: the row is created closed, and the older snapshot is then ignored.
      await event.em.query(
        `INSERT INTO candidate.needs (need_id, revision, status) VALUES ($1, $2, $3)
         ON CONFLICT (need_id) DO UPDATE SET revision = $2, status = $3 WHERE candidate.needs.revision < $2`,
        [p.needId, p.revision, p.status],
      );
    }
  }
}
