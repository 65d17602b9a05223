import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { getMunicipality } from '@jobbspar/taxonomy';
import { MunicipalityOutsideAreaError, UnknownMunicipalityError } from '../../../domain/candidate.errors';
import { GENDERS, IMMIGRATION_REASONS } from '../../../domain/candidate';
import { SMALLEST_SHOWN_COUNT, suppressSmallCells } from '../../../domain/small-cell-suppression';
import { FollowUpStatistics, FollowUpStatisticsQuery } from './follow-up-statistics.query';

/** The one reader of follow-up attributes, and it returns aggregates only. */
@QueryHandler(FollowUpStatisticsQuery)
export class FollowUpStatisticsHandler implements IQueryHandler<FollowUpStatisticsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ municipality, area }: FollowUpStatisticsQuery): Promise<FollowUpStatistics> {
    if (municipality !== undefined && !getMunicipality(municipality)) throw new UnknownMunicipalityError('municipality', municipality);
    if (municipality !== undefined && !area.includes(municipality)) throw new MunicipalityOutsideAreaError('municipality', municipality);
    const rows: { gender: string; born_abroad: boolean; reason: string | null; n: number }[] = await this.dataSource.query(
      `SELECT f.gender, f.born_abroad, f.reason_for_immigration AS reason, count(*)::int AS n
         FROM candidate.follow_up_attributes f
         JOIN candidate.candidates c ON c.candidate_id = f.candidate_id
         JOIN candidate.consents s ON s.candidate_id = f.candidate_id AND s.purpose = 'follow-up-statistics' AND s.given
        WHERE c.home_municipality = ANY($2) AND ($1::text IS NULL OR c.home_municipality = $1)
        GROUP BY 1, 2, 3`,
      [municipality ?? null, area],
    );
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    const count = <K extends string>(keys: readonly K[], key: (r: (typeof rows)[number]) => string): Record<K, number> =>
      Object.fromEntries(keys.map((k) => [k, rows.filter((r) => key(r) === k).reduce((sum, r) => sum + r.n, 0)])) as Record<K, number>;
    const hideAll = total < SMALLEST_SHOWN_COUNT;
    const shown = <K extends string>(counts: Record<K, number>): Record<K, number | null> =>
      hideAll ? (Object.fromEntries(Object.keys(counts).map((k) => [k, null])) as Record<K, null>) : suppressSmallCells(counts);
    return {
      municipality: municipality ?? null,
      total: hideAll ? null : total,
      gender: shown(count(GENDERS, (r) => r.gender)),
      bornAbroad: shown(count(['yes', 'no'] as const, (r) => (r.born_abroad ? 'yes' : 'no'))),
      reasonForImmigration: shown(count([...IMMIGRATION_REASONS, 'not-given'] as const, (r) => r.reason ?? 'not-given')),
      smallestShownCount: SMALLEST_SHOWN_COUNT,
    };
  }
}
