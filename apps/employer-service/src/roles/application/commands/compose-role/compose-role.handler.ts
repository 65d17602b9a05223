import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditObject, Clock } from '@jobbspar/platform';
import { EmployerNotFoundError } from '../../../../employers/domain/employer.errors';
import { EmployerRepository } from '../../../../employers/domain/employer.repository';
import { Role } from '../../../domain/role';
import { RoleRepository } from '../../../domain/role.repository';
import { publishRoleChange } from '../../role-events';
import { ComposeRoleCommand } from './compose-role.command';

@CommandHandler(ComposeRoleCommand)
export class ComposeRoleHandler implements ICommandHandler<ComposeRoleCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employers: EmployerRepository,
    private readonly roles: RoleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ employerId, composition, ctx }: ComposeRoleCommand): Promise<{ roleId: string }> {
    return this.dataSource.transaction(async (em) => {
      const employer = await this.employers.findById(em, employerId);
      if (!employer) throw new EmployerNotFoundError('employerId', employerId);
      const now = this.clock.now();
      const { role, change } = Role.compose(randomUUID(), employer, composition, now);
      auditObject(role.id);
      await this.roles.insert(em, role, now);
      await publishRoleChange(this.outbox, em, role, change, ctx);
      return { roleId: role.id };
    });
  }
}
