import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoleAndNeedRepository } from '../../../domain/role-and-need.repository';
import { RecordNeedCommand } from './record-need.command';

/** Open needs nearby are what a job track's steps are ranked by. Only a newer revision changes a need. */
@CommandHandler(RecordNeedCommand)
export class RecordNeedHandler implements ICommandHandler<RecordNeedCommand> {
  constructor(private readonly read: RoleAndNeedRepository) {}

  async execute({ change, em }: RecordNeedCommand): Promise<void> {
    if (change.kind === 'closed') {
      const { needId, revision, status } = change;
      return this.read.recordNeedClosed(em, { needId, revision, status });
    }
    await this.read.recordNeedSnapshot(em, {
      needId: change.needId,
      revision: change.revision,
      status: change.status,
      roleId: change.roleId,
      workplaceMunicipality: change.workplaceMunicipality,
      tasks: change.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight })),
      positionsLeft: Math.max(0, change.positions - change.positionsFilled),
    });
  }
}
