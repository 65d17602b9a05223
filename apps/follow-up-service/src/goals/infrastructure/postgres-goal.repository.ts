import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
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

  /** Two statements whatever the page's size: the goals, then all their figures. */
  override async pageByRegion(
    em: EntityManager,
    region: string,
    page: { limit: number; offset: number },
  ): Promise<{ goals: Goal[]; total: number }> {
    const [rows, total] = await em.getRepository(GoalOrmEntity).findAndCount({
      where: { region },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    const figures = rows.length ? await em.getRepository(GoalFigureOrmEntity).find({ where: { goalId: In(rows.map((r) => r.id)) } }) : [];
    return {
      goals: rows.map((row) =>
        GoalMapper.toDomain(
          row,
          figures.filter((f) => f.goalId === row.id),
        ),
      ),
      total,
    };
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
