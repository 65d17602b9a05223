import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Goal } from '../domain/goal';
import { GoalRepository } from '../domain/goal.repository';
import { GoalMapper } from './goal.mapper';
import { GoalFigureOrmEntity, GoalOrmEntity } from './goal.orm-entity';

@Injectable()
export class PostgresGoalRepository extends GoalRepository {
  override async findById(em: EntityManager, region: string, id: string, options: { lock?: boolean } = {}): Promise<Goal | null> {
    const row = await em.getRepository(GoalOrmEntity).findOne({
      where: { id, region },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    const figures = await em.getRepository(GoalFigureOrmEntity).find({ where: { goalId: id } });
    return GoalMapper.toDomain(row, figures);
  }

  override async findByRegion(em: EntityManager, region: string): Promise<Goal[]> {
    const rows = await em.getRepository(GoalOrmEntity).find({ where: { region }, order: { createdAt: 'ASC' } });
    const goals: Goal[] = [];
    for (const row of rows)
      goals.push(GoalMapper.toDomain(row, await em.getRepository(GoalFigureOrmEntity).find({ where: { goalId: row.id } })));
    return goals;
  }

  override async insert(em: EntityManager, goal: Goal): Promise<void> {
    await em.getRepository(GoalOrmEntity).insert(GoalMapper.toOrm(goal).row);
  }

  /** An upsert per figure: a corrected figure replaces the earlier one. */
  override async save(em: EntityManager, goal: Goal): Promise<void> {
    const { row, figures } = GoalMapper.toOrm(goal);
    const { id, ...changes } = row;
    await em.getRepository(GoalOrmEntity).update({ id }, changes);
    if (figures.length > 0) await em.getRepository(GoalFigureOrmEntity).upsert(figures, ['goalId', 'municipality', 'month']);
  }
}
