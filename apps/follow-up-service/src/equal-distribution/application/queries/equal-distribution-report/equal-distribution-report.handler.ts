import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, JsonLogger, swedishDay } from '@jobbspar/platform';
import { CannotProtectError, InconsistentFactsError } from '@jobbspar/disclosure';
import { DataSource } from 'typeorm';
import { FOLLOW_UP_SETTINGS, type FollowUpRuntimeSettings } from '../../../../common/settings';
import { OutcomesReportQuery } from '../../../../outcomes/application/queries/outcomes-report/outcomes-report.query';
import { outcomeAtoms, outcomeCells, publishedOutcomeCells, type OutcomesReport } from '../../../../outcomes/domain/outcome-report';
import { MonthNotReleasedError } from '../../../../outcomes/domain/outcome.errors';
import { isReleased, releaseDay } from '../../../../outcomes/domain/release-calendar';
import { OutcomeProjectionRepository } from '../../../../outcomes/domain/outcome-projection.repository';
import { ReleaseRepository } from '../../../../releases/domain/release.repository';
import { assembleEqualDistribution, EqualDistributionReport } from '../../../domain/equal-distribution-report';
import { protectJointly } from '../../../domain/joint-protection';
import { CandidateStatisticsClient } from '../../../infrastructure/candidate-statistics.client';
import { EqualDistributionReportQuery } from './equal-distribution-report.query';

export const EQUAL_DISTRIBUTION_REPORT = 'equal-distribution';

/**
 * A released month's equal distribution: candidate-service's protected tables, protected once more together with
 * the month's outcome report (released first, so both are frozen from the same moment on), then frozen.
 */
@QueryHandler(EqualDistributionReportQuery)
export class EqualDistributionReportHandler implements IQueryHandler<EqualDistributionReportQuery> {
  private readonly log = new JsonLogger('equal-distribution');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
    private readonly projection: OutcomeProjectionRepository,
    private readonly releases: ReleaseRepository,
    private readonly candidateStatistics: CandidateStatisticsClient,
    private readonly clock: Clock,
    @Inject(FOLLOW_UP_SETTINGS) private readonly settings: FollowUpRuntimeSettings,
  ) {}

  async execute({ region, month }: EqualDistributionReportQuery): Promise<EqualDistributionReport> {
    const now = this.clock.now();
    const grace = this.settings.followUpGraceDays;
    if (!isReleased(month, swedishDay(now), grace)) throw new MonthNotReleasedError(month, releaseDay(month, grace));
    const frozen = await this.releases.find<EqualDistributionReport>(this.dataSource, region.tenant, month, EQUAL_DISTRIBUTION_REPORT);
    if (frozen) return frozen;

    const outcomes: OutcomesReport = await this.queries.execute(new OutcomesReportQuery(region, month));
    const candidate = await this.candidateStatistics.equalDistribution(region.tenant, month);
    const codes = region.municipalities.map((m) => m.code);
    const [people, placements] = await Promise.all([
      this.projection.people(this.dataSource, region.tenant),
      this.projection.placements(this.dataSource, region.tenant),
    ]);
    const atoms = outcomeAtoms(month, people, placements, grace);
    const truth = new Map(outcomeCells(region.tenant, codes).map((c) => [c.key, c.atoms.reduce((s, a) => s + (atoms.get(a) ?? 0), 0)]));
    let shown: Map<string, number | null>;
    let withheld: string | null = null;
    try {
      shown = await protectJointly({
        region: region.tenant,
        municipalities: codes,
        outcomes: publishedOutcomeCells(outcomes),
        outcomeTruth: truth,
        candidate,
      });
    } catch (error) {
      // Withheld whole rather than risked: the two services disagree (an erasure between the two readings, say), or
      // the month is so small that the outcome report already pins what this table would have to hide.
      if (!(error instanceof InconsistentFactsError || error instanceof CannotProtectError)) throw error;
      this.log.write('warn', 'equal distribution withheld', { month, error: error.message });
      shown = new Map();
      withheld =
        error instanceof InconsistentFactsError
          ? "candidate-service's and follow-up-service's counts of this month disagree"
          : 'too few people this month: beside the outcome report, any of these counts could point at someone';
    }
    const report = assembleEqualDistribution({
      region: region.tenant,
      month,
      releasedAt: now,
      band: this.settings.disparityBand,
      areas: [...region.municipalities.map((m) => ({ area: m.code, name: m.name })), { area: region.tenant, name: region.name }],
      shown,
      withheld,
    });
    return this.releases.freeze(this.dataSource, region.tenant, month, EQUAL_DISTRIBUTION_REPORT, report, now);
  }
}
