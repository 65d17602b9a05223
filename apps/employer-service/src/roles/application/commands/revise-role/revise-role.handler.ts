import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@jobbspar/platform';
import { RoleNotFoundError } from '../../../domain/role.errors';
import { RoleRepository } from '../../../domain/role.repository';
import { publishRoleChange } from '../../role-events';
import { ReviseRoleCommand } from './revise-role.command';

/** A change to a composed role is a new version; needs already posted keep pointing at theirs. */
@CommandHandler(ReviseRoleCommand)
export class ReviseRoleHandler implements ICommandHandler<ReviseRoleCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RoleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ roleId, composition, ctx }: ReviseRoleCommand): Promise<{ version: number; changed: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const role = await this.roles.findById(em, roleId, { lock: true });
      if (!role) throw new RoleNotFoundError('id', roleId);
      const change = role.revise(composition, this.clock.now());
      if (!change) return { version: role.latest.version, changed: false };
      await this.roles.addVersion(em, role, change.version);
      await publishRoleChange(this.outbox, em, role, change, ctx);
      return { version: change.version.version, changed: true };
    });
  }
}
