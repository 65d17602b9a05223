import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../../common/tenant';
import type { NeedChanges } from '../../../domain/need';

export class UpdateNeedCommand extends Command<{ changed: boolean }> {
  constructor(
    readonly needId: string,
    readonly changes: NeedChanges,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
