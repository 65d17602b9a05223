import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';

export class SetShortageOverrideCommand extends Command<void> {
  constructor(
    readonly override: { countyCode: string; ssyk: string; shortage: boolean },
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
