import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ShortageOverrideNotFoundError } from '../../../domain/taxonomy.errors';
import { ShortageOverrideRepository } from '../../../domain/shortage-override.repository';
import { RemoveShortageOverrideCommand } from './remove-shortage-override.command';

/** Back to the taxonomy's default flag for that county and occupation. */
@CommandHandler(RemoveShortageOverrideCommand)
export class RemoveShortageOverrideHandler implements ICommandHandler<RemoveShortageOverrideCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: ShortageOverrideRepository,
  ) {}

  async execute({ countyCode, ssyk }: RemoveShortageOverrideCommand): Promise<void> {
    const removed = await this.overrides.remove(this.dataSource.manager, countyCode, ssyk);
    if (!removed) throw new ShortageOverrideNotFoundError(countyCode, ssyk);
  }
}
