import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, swedishDay } from '@jobbspar/platform';
import { Goal } from '../../../domain/goal';
import { GoalRepository } from '../../../domain/goal.repository';
import { SetGoalCommand } from './set-goal.command';

/** A new goal for the region, with its baselines when given: all of it is stored, or nothing. */
@CommandHandler(SetGoalCommand)
export class SetGoalHandler implements ICommandHandler<SetGoalCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly goals: GoalRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ region, input, ctx }: SetGoalCommand): Promise<{ goalId: string }> {
    const now = this.clock.now();
    const month = swedishDay(now).slice(0, 7);
    const goal = Goal.define(
      {
        id: randomUUID(),
        region: region.tenant,
        countyCode: region.countyCode,
        name: input.name,
        targetGroup: input.targetGroup,
        baselineMonth: input.baselineMonth,
        targetMonth: input.targetMonth,
        reductionPercent: input.reductionPercent,
        createdBy: ctx.actor,
      },
      now,
      month,
    );
    if (input.baselines.length > 0) {
      goal.recordFigures(
        input.baselines.map((b, i) => ({ line: i + 1, municipality: b.municipality, month: input.baselineMonth, value: b.value })),
        month,
        now,
      );
    }
    await this.dataSource.transaction(async (em) => {
      await this.goals.insert(em, goal);
      await this.goals.save(em, goal);
    });
    return { goalId: goal.id };
  }
}
