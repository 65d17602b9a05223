import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern } from '@nestjs/microservices';
import { NeedClosedV1, NeedPostedV1, NeedUpdatedV1, RoleDefinedV1, RoleVersionedV1, Topics } from '@jobbspar/contracts';
import { isEvent, type ReceivedEvent } from '@jobbspar/messaging';
import { RecordNeedCommand } from '../../application/commands/record-need/record-need.command';
import { RecordRoleVersionCommand } from '../../application/commands/record-role-version/record-role-version.command';

/** Roles and open needs, for job tracks. Runs in the inbox transaction (`event.em`). */
@Controller()
export class RoleAndNeedEventsConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.roles)
  async onRoleEvent(event: ReceivedEvent): Promise<void> {
    if (!isEvent(event, RoleDefinedV1) && !isEvent(event, RoleVersionedV1)) return;
    const { roleId, version, name, tasks } = event.payload;
    await this.commands.execute(new RecordRoleVersionCommand({ roleId, version, name, tasks }, event.em));
  }

  @EventPattern(Topics.needs)
  async onNeedEvent(event: ReceivedEvent): Promise<void> {
    if (isEvent(event, NeedPostedV1) || isEvent(event, NeedUpdatedV1)) {
      const p = event.payload;
      await this.commands.execute(
        new RecordNeedCommand(
          {
            kind: 'snapshot',
            needId: p.needId,
            revision: p.revision,
            status: p.status,
            roleId: p.roleId,
            workplaceMunicipality: p.workplaceMunicipality,
            tasks: p.tasks,
            positions: p.positions,
            positionsFilled: p.positionsFilled,
          },
          event.em,
        ),
      );
    } else if (isEvent(event, NeedClosedV1)) {
      const { needId, revision, status } = event.payload;
      await this.commands.execute(new RecordNeedCommand({ kind: 'closed', needId, revision, status }, event.em));
    }
  }
}
