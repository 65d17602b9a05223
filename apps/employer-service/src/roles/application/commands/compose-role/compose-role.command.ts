import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';
import type { RoleCompositionInput } from '../../../domain/role-composition';

export class ComposeRoleCommand extends Command<{ roleId: string }> {
  constructor(
    readonly employerId: string,
    readonly composition: RoleCompositionInput,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
