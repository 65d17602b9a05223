import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditObject, Clock } from '@jobbspar/platform';
import { requireOccupation } from '../../../../taxonomy/domain/taxonomy-lookups';
import { Role } from '../../../domain/role';
import { RoleRepository } from '../../../domain/role.repository';
import { publishRoleChange } from '../../role-events';
import { DefineStandardRoleCommand, DefineStandardRoleResult } from './define-standard-role.command';

/**
 * One standard role per occupation. Asking again is harmless: it returns the existing role, and if the taxonomy
 * has changed the occupation's tasks since, the role gets a new version (needs keep theirs).
 */
@CommandHandler(DefineStandardRoleCommand)
export class DefineStandardRoleHandler implements ICommandHandler<DefineStandardRoleCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RoleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ ssyk, ctx }: DefineStandardRoleCommand): Promise<DefineStandardRoleResult> {
    requireOccupation(ssyk, 'ssyk');
    return this.dataSource.transaction(async (em) => {
      // Serialises concurrent requests for the same occupation, so exactly one creates the role.
      await this.roles.lockStandardRole(em, ssyk);
      const now = this.clock.now();
      const existing = await this.roles.findStandardBySsyk(em, ssyk, { lock: true });
      if (existing) {
        auditObject(existing.id);
        const change = existing.refreshStandard(now);
        if (change) {
          await this.roles.addVersion(em, existing, change.version);
          await publishRoleChange(this.outbox, em, existing, change, ctx);
        }
        return { roleId: existing.id, created: false };
      }
      const { role, change } = Role.standard(randomUUID(), ssyk, now);
      auditObject(role.id);
      await this.roles.insert(em, role, now);
      await publishRoleChange(this.outbox, em, role, change, ctx);
      return { roleId: role.id, created: true };
    });
  }
}
