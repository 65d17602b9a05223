import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { protectCells } from '@jobbspar/disclosure';
import { Clock, swedishDay } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { addMonths } from '../../../../common/months';
import { FOLLOW_UP_SETTINGS, type FollowUpRuntimeSettings } from '../../../../common/settings';
import { ReleaseRepository } from '../../../../releases/domain/release.repository';
import { assembleOutcomes, outcomeAtoms, outcomeCells, OutcomesReport } from '../../../domain/outcome-report';
import { MonthNotReleasedError } from '../../../domain/outcome.errors';
import { isReleased, releaseDay, releasedMonths } from '../../../domain/release-calendar';
import { OutcomeProjectionRepository } from '../../../domain/outcome-projection.repository';
import { OutcomesReportQuery, ReleasedMonthsQuery } from './outcomes-report.query';

export const OUTCOMES_REPORT = 'outcomes';

/**
 * A released month's outcomes: computed from the projection at its first reading, protected (every cell of the
 * month's tables together, see libs/disclosure), frozen in the release ledger, and from then on read from there.
 */
@QueryHandler(OutcomesReportQuery)
export class OutcomesReportHandler implements IQueryHandler<OutcomesReportQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projection: OutcomeProjectionRepository,
    private readonly releases: ReleaseRepository,
    private readonly clock: Clock,
    @Inject(FOLLOW_UP_SETTINGS) private readonly settings: FollowUpRuntimeSettings,
  ) {}

  async execute({ region, month }: OutcomesReportQuery): Promise<OutcomesReport> {
    const now = this.clock.now();
    const grace = this.settings.followUpGraceDays;
    if (!isReleased(month, swedishDay(now), grace)) throw new MonthNotReleasedError(month, releaseDay(month, grace));
    const frozen = await this.releases.find<OutcomesReport>(this.dataSource, region.tenant, month, OUTCOMES_REPORT);
    if (frozen) return frozen;

    const [people, placements] = await Promise.all([
      this.projection.people(this.dataSource, region.tenant),
      this.projection.placements(this.dataSource, region.tenant),
    ]);
    const codes = region.municipalities.map((m) => m.code);
    const atoms = outcomeAtoms(month, people, placements, grace);
    const { cells } = await protectCells({ atoms, cells: outcomeCells(region.tenant, codes) });
    const report = assembleOutcomes({
      region: region.tenant,
      month,
      releasedAt: now,
      graceDays: grace,
      areas: [
        ...region.municipalities.map((m) => ({ area: m.code, name: m.name, municipalities: [m.code] })),
        { area: region.tenant, name: region.name, municipalities: codes },
      ],
      shown: new Map(cells.map((c) => [c.key, c.value])),
      people,
    });
    return this.releases.freeze(this.dataSource, region.tenant, month, OUTCOMES_REPORT, report, now);
  }
}

@QueryHandler(ReleasedMonthsQuery)
export class ReleasedMonthsHandler implements IQueryHandler<ReleasedMonthsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projection: OutcomeProjectionRepository,
    private readonly clock: Clock,
    @Inject(FOLLOW_UP_SETTINGS) private readonly settings: FollowUpRuntimeSettings,
  ) {}

  async execute({ region }: ReleasedMonthsQuery) {
    const today = this.clock.today();
    const grace = this.settings.followUpGraceDays;
    const months = releasedMonths(await this.projection.firstMonth(this.dataSource, region.tenant), today, grace);
    const next = months.length
      ? addMonths(months[months.length - 1], 1)
      : isReleased(addMonths(today.slice(0, 7), -1), today, grace)
        ? today.slice(0, 7)
        : addMonths(today.slice(0, 7), -1);
    return { region: region.tenant, months, nextRelease: { month: next, on: releaseDay(next, grace) } };
  }
}
