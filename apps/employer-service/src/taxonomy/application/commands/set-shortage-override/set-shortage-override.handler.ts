import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@jobbspar/platform';
import { requireCounty, requireOccupation } from '../../../domain/taxonomy-lookups';
import { ShortageOverrideRepository } from '../../../domain/shortage-override.repository';
import { SetShortageOverrideCommand } from './set-shortage-override.command';

/**
 * An administrator corrects the taxonomy's shortage flag for one county and occupation. Needs take it into account
 * when they are next posted, opened or updated; their published snapshots say what was true at that time.
 */
@CommandHandler(SetShortageOverrideCommand)
export class SetShortageOverrideHandler implements ICommandHandler<SetShortageOverrideCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: ShortageOverrideRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ override, ctx }: SetShortageOverrideCommand): Promise<void> {
    requireCounty(override.countyCode, 'countyCode');
    requireOccupation(override.ssyk, 'ssyk');
    await this.overrides.upsert(this.dataSource.manager, {
      countyCode: override.countyCode,
      ssyk: override.ssyk,
      shortage: override.shortage,
      setBy: ctx.actor,
      setAt: this.clock.now(),
    });
  }
}
