import { Goal, GoalProps } from '../domain/goal';
import { GoalFigureOrmEntity, GoalOrmEntity } from './goal.orm-entity';

export const GoalMapper = {
  toDomain(row: GoalOrmEntity, figures: readonly GoalFigureOrmEntity[]): Goal {
    return Goal.restore({
      id: row.id,
      region: row.region,
      countyCode: row.countyCode,
      name: row.name,
      targetGroup: row.targetGroup,
      baselineMonth: row.baselineMonth,
      targetMonth: row.targetMonth,
      reductionPercent: row.reductionPercent,
      figures: new Map(
        figures.map((f) => [`${f.municipality}|${f.month}`, { municipality: f.municipality, month: f.month, value: f.value }]),
      ),
      revision: row.revision,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },

  toOrm(goal: Goal): { row: GoalOrmEntity; figures: GoalFigureOrmEntity[] } {
    const { figures, ...p }: Readonly<GoalProps> = goal.toProps();
    return {
      row: Object.assign(new GoalOrmEntity(), p),
      figures: [...figures.values()].map((f) => Object.assign(new GoalFigureOrmEntity(), { goalId: p.id, ...f })),
    };
  },
};
