import { Module } from '@nestjs/common';
import { RecordFiguresHandler } from './application/commands/record-figures/record-figures.handler';
import { SetGoalHandler } from './application/commands/set-goal/set-goal.handler';
import { GetProgressHandler, ListGoalsHandler } from './application/queries/get-progress/get-progress.handler';
import { GoalRepository } from './infrastructure/goal.repository';
import { GoalsController } from './interface/http/goals.controller';

@Module({
  controllers: [GoalsController],
  providers: [GoalRepository, SetGoalHandler, RecordFiguresHandler, GetProgressHandler, ListGoalsHandler],
})
export class GoalsModule {}
