import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';

export class OpenNeedCommand extends Command<void> {
  constructor(
    readonly needId: string,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
