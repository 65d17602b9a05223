import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { getMunicipality } from '@jobbspar/taxonomy';
import { DataSource } from 'typeorm';
import type { Goal } from '../../../domain/goal';
import { GoalNotFoundError } from '../../../domain/goal.errors';
import { goalProgress } from '../../../domain/progress';
import { GoalRepository } from '../../../domain/goal.repository';
import { GetProgressQuery, GoalPage, GoalProgressView, GoalView, ListGoalsQuery } from './get-progress.query';

export function goalView(goal: Goal): GoalView {
  const p = goal.toProps();
  const figures = [...p.figures.values()].sort((a, b) => (a.month + a.municipality < b.month + b.municipality ? -1 : 1));
  return {
    goalId: p.id,
    region: p.region,
    name: p.name,
    targetGroup: p.targetGroup,
    baselineMonth: p.baselineMonth,
    targetMonth: p.targetMonth,
    reductionPercent: p.reductionPercent,
    figures,
  };
}

@QueryHandler(GetProgressQuery)
export class GetProgressHandler implements IQueryHandler<GetProgressQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly goals: GoalRepository,
  ) {}

  async execute({ region, goalId }: GetProgressQuery): Promise<GoalProgressView> {
    const goal = await this.goals.findById(this.dataSource.manager, region, goalId);
    if (!goal) throw new GoalNotFoundError(goalId);
    const view = goalView(goal);
    const { municipalities, cooperation } = goalProgress(view, view.figures);
    return {
      ...view,
      municipalities: municipalities.map((m) => ({ ...m, name: getMunicipality(m.municipality)?.name ?? m.municipality })),
      cooperation,
    };
  }
}

@QueryHandler(ListGoalsQuery)
export class ListGoalsHandler implements IQueryHandler<ListGoalsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly goals: GoalRepository,
  ) {}

  async execute({ region, page }: ListGoalsQuery): Promise<GoalPage> {
    const { goals, total } = await this.goals.pageByRegion(this.dataSource.manager, region, page);
    return { items: goals.map(goalView), total, ...page };
  }
}
