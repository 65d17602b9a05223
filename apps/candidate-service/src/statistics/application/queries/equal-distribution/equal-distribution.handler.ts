import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DISCLOSURE_METHOD, protectCells } from '@jobbspar/disclosure';
import { Clock } from '@jobbspar/platform';
import { getCounty, listMunicipalities } from '@jobbspar/taxonomy';
import { DataSource } from 'typeorm';
import type { FollowUpAttributes } from '../../../../candidates/domain/candidate';
import { UnknownRegionError } from '../../../domain/statistics.errors';
import {
  BREAKDOWNS,
  cellKey,
  equalDistributionAtoms,
  equalDistributionCells,
  Group,
  groupOf,
  MEASURES,
  type MonthFacts,
} from '../../../domain/equal-distribution';
import { EqualDistributionCell, EqualDistributionQuery, EqualDistributionTables } from './equal-distribution.query';

interface PersonRow {
  candidate_id: string;
  home_municipality: string;
  gender: FollowUpAttributes['gender'] | null;
  born_abroad: boolean | null;
  year_of_arrival: number | null;
}

/**
 * The second reader of follow-up attributes (after the older per-municipality statistics), and like it, it returns
 * protected aggregates only: the attributes choose each person's group inside this query and go no further.
 * Attributes are used only with consent to follow-up statistics; without it she counts as "not recorded".
 */
@QueryHandler(EqualDistributionQuery)
export class EqualDistributionHandler implements IQueryHandler<EqualDistributionQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ region, month }: EqualDistributionQuery): Promise<EqualDistributionTables> {
    const county = /^se-(\d{2})$/.exec(region)?.[1];
    if (!county || !getCounty(county)) throw new UnknownRegionError(region);
    const municipalities = listMunicipalities(county).map((m) => m.code);
    const people: PersonRow[] = await this.dataSource.query(
      `SELECT c.candidate_id, c.home_municipality, f.gender, f.born_abroad, f.year_of_arrival
         FROM candidate.candidates c
         LEFT JOIN candidate.consents s ON s.candidate_id = c.candidate_id AND s.purpose = 'follow-up-statistics' AND s.given
         LEFT JOIN candidate.follow_up_attributes f ON f.candidate_id = c.candidate_id AND s.candidate_id IS NOT NULL
        WHERE c.home_municipality = ANY($1)`,
      [municipalities],
    );
    const year = Number(month.slice(0, 4));
    const groups = new Map<string, { municipality: string; group: Group }>(
      people.map((p) => [
        p.candidate_id,
        {
          municipality: p.home_municipality,
          group: groupOf(
            p.gender === null
              ? null
              : { gender: p.gender, bornAbroad: p.born_abroad === true, yearOfArrival: p.year_of_arrival ?? undefined },
            year,
          ),
        },
      ]),
    );
    const ids = [...groups.keys()];
    const placements: { candidate_id: string; supervisor: boolean; language_support: boolean; study_counselling: boolean }[] =
      await this.dataSource.query(
        `SELECT candidate_id, supervisor, language_support, study_counselling FROM candidate.placements
          WHERE candidate_id = ANY($1) AND to_char(start_date, 'YYYY-MM') = $2`,
        [ids, month],
      );
    const internships: { candidate_id: string }[] = await this.dataSource.query(
      `SELECT candidate_id FROM candidate.internships WHERE candidate_id = ANY($1) AND to_char(start_date, 'YYYY-MM') = $2`,
      [ids, month],
    );
    const checkpoints: { candidate_id: string; days: 30 | 90 | 180; status: string | null }[] = await this.dataSource.query(
      `SELECT p.candidate_id, d.days, f.status
         FROM candidate.placements p
         CROSS JOIN (VALUES (30), (90), (180)) AS d (days)
         LEFT JOIN candidate.placement_follow_ups f ON f.placement_id = p.placement_id AND f.checkpoint_days = d.days
        WHERE p.candidate_id = ANY($1) AND to_char(p.start_date + d.days, 'YYYY-MM') = $2`,
      [ids, month],
    );
    const at = (id: string) => groups.get(id)!;
    const facts: MonthFacts = {
      placements: placements.map((p) => ({
        ...at(p.candidate_id),
        supervisor: p.supervisor,
        languageSupport: p.language_support,
        studyCounselling: p.study_counselling,
      })),
      internships: internships.map((i) => at(i.candidate_id)),
      checkpoints: checkpoints.map((c) => ({
        ...at(c.candidate_id),
        days: c.days,
        outcome: c.status === null ? 'missing' : c.status === 'in-work' || c.status === 'in-studies' ? 'work' : 'other',
      })),
    };
    const { cells } = await protectCells({ atoms: equalDistributionAtoms(facts), cells: equalDistributionCells(region, municipalities) });
    const values = new Map(cells.map((c) => [c.key, c.value]));
    const out: EqualDistributionCell[] = [];
    for (const area of [...municipalities, region]) {
      for (const b of BREAKDOWNS) {
        for (const measure of MEASURES) {
          out.push({
            area,
            classification: b.classification,
            group: b.classification === 'all' ? null : b.group,
            measure,
            value: values.get(cellKey(area, b, measure)) ?? null,
          });
        }
      }
    }
    return { region, month, computedAt: this.clock.now().toISOString(), method: DISCLOSURE_METHOD.name, cells: out };
  }
}
