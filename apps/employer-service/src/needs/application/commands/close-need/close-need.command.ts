import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';
import type { NeedCloseReason } from '../../../domain/need';

export class CloseNeedCommand extends Command<void> {
  constructor(
    readonly needId: string,
    readonly reason: NeedCloseReason,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
