import { Module } from '@nestjs/common';
import { RecordFiguresHandler } from './application/commands/record-figures/record-figures.handler';
import { SetGoalHandler } from './application/commands/set-goal/set-goal.handler';
import { GetProgressHandler, ListGoalsHandler } from './application/queries/get-progress/get-progress.handler';
import { GoalRepository } from './domain/goal.repository';
import { PostgresGoalRepository } from './infrastructure/postgres-goal.repository';
import { GoalsController } from './interface/http/goals.controller';

@Module({
  controllers: [GoalsController],
  providers: [
    { provide: GoalRepository, useClass: PostgresGoalRepository },
    SetGoalHandler,
    RecordFiguresHandler,
    GetProgressHandler,
    ListGoalsHandler,
  ],
})
export class GoalsModule {}
