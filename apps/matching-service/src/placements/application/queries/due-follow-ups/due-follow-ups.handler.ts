import { Clock } from '@jobbspar/platform';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlacementRepository } from '../../../domain/placement.repository';
import { PlacementAccess } from '../../placement-access';
import { DueFollowUpsQuery, DueFollowUpView } from './due-follow-ups.query';

const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * What a coordinator has to follow up: every checkpoint of her placements that falls due from today up to
 * `withinDays` ahead, and those already due and still not recorded (overdue first: they are late). A checkpoint
 * can be recorded from its due day on, so an item of the list is work for that day.
 */
@QueryHandler(DueFollowUpsQuery)
export class DueFollowUpsHandler implements IQueryHandler<DueFollowUpsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly access: PlacementAccess,
    private readonly clock: Clock,
  ) {}

  async execute({ viewer, withinDays, limit }: DueFollowUpsQuery): Promise<{ items: DueFollowUpView[]; today: string; until: string }> {
    const em = this.dataSource.manager;
    const today = this.clock.today();
    const until = addDays(today, withinDays);
    const scope = await this.access.scope(em, viewer);
    const due = await this.placements.dueFollowUps(em, { scope, until, limit });
    return { items: due.map((d) => ({ ...d, overdue: d.dueOn < today })), today, until };
  }
}
