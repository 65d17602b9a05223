import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, swedishDay } from '@jobbspar/platform';
import type { Figure } from '../../../domain/goal';
import { GoalNotFoundError } from '../../../domain/goal.errors';
import { GoalRepository } from '../../../domain/goal.repository';
import { RecordFiguresCommand } from './record-figures.command';

/** Baselines and monthly figures, by form or import: checked whole, then stored in one transaction. */
@CommandHandler(RecordFiguresCommand)
export class RecordFiguresHandler implements ICommandHandler<RecordFiguresCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly goals: GoalRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ region, goalId, rows }: RecordFiguresCommand): Promise<{ recorded: Figure[] }> {
    return this.dataSource.transaction(async (em) => {
      const goal = await this.goals.findById(em, region.tenant, goalId, { lock: true });
      if (!goal) throw new GoalNotFoundError(goalId);
      const now = this.clock.now();
      const recorded = goal.recordFigures(rows, swedishDay(now).slice(0, 7), now);
      await this.goals.save(em, goal);
      return { recorded };
    });
  }
}
