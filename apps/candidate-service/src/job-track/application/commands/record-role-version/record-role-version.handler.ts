import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoleAndNeedRepository } from '../../../domain/role-and-need.repository';
import { RecordRoleVersionCommand } from './record-role-version.command';

/** A role version (defined or revised in employer-service), for job tracks towards it. */
@CommandHandler(RecordRoleVersionCommand)
export class RecordRoleVersionHandler implements ICommandHandler<RecordRoleVersionCommand> {
  constructor(private readonly read: RoleAndNeedRepository) {}

  async execute({ role, em }: RecordRoleVersionCommand): Promise<void> {
    await this.read.recordRoleVersion(em, {
      ...role,
      tasks: role.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
    });
  }
}
