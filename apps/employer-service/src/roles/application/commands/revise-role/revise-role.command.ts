import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';
import type { RoleCompositionInput } from '../../../domain/role-composition';

export class ReviseRoleCommand extends Command<{ version: number; changed: boolean }> {
  constructor(
    readonly roleId: string,
    readonly composition: RoleCompositionInput,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
