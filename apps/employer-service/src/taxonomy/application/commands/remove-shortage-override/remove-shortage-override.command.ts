import { Command } from '@nestjs/cqrs';

export class RemoveShortageOverrideCommand extends Command<void> {
  constructor(
    readonly countyCode: string,
    readonly ssyk: string,
  ) {
    super();
  }
}
