import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';

export interface DefineStandardRoleResult {
  roleId: string;
  /** Created now (true), or the occupation's existing standard role (refreshed from the taxonomy if it changed). */
  created: boolean;
}

export class DefineStandardRoleCommand extends Command<DefineStandardRoleResult> {
  constructor(
    readonly ssyk: string,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
