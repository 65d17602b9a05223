import { BREAKDOWNS, MEASURES, type Measure } from '@jobbspar/contracts';
import { DISCLOSURE_METHOD } from '@jobbspar/disclosure';
import { lastDayOf } from '../../common/months';
import { disparity, type Disparity } from './disparity';

/** Each rate: a measure over the count it is a share of. */
export const RATES = {
  withSupervisor: 'placements',
  withLanguageSupport: 'placements',
  withStudyCounselling: 'placements',
  inWorkOrStudies90: 'due90',
  inWorkOrStudies180: 'due180',
} as const satisfies Partial<Record<Measure, Measure>>;
export type RateName = keyof typeof RATES;

export interface GroupRow {
  classification: 'gender' | 'origin' | 'all';
  group: string | null;
  counts: Record<Measure, number | null>;
  /** Rates and, against everyone in the same area, disparity ratios with a warning outside the band. */
  rates: Record<RateName, Disparity>;
}

export interface EqualDistributionReport {
  region: string;
  month: string;
  dataAsOf: string;
  releasedAt: string;
  method: typeof DISCLOSURE_METHOD;
  band: { low: number; high: number };
  /** Set when the month's tables could not be published (the services' counts disagreed): every count is hidden. */
  withheld: string | null;
  areas: { area: string; name: string; groups: GroupRow[] }[];
}

export function assembleEqualDistribution(input: {
  region: string;
  month: string;
  releasedAt: Date;
  band: { low: number; high: number };
  areas: { area: string; name: string }[];
  shown: ReadonlyMap<string, number | null>;
  withheld: string | null;
}): EqualDistributionReport {
  const value = (area: string, b: (typeof BREAKDOWNS)[number], m: Measure): number | null =>
    input.shown.get(`${area}|${b.classification === 'all' ? 'all' : `${b.classification}:${b.group}`}|${m}`) ?? null;
  const everyone = BREAKDOWNS.find((b) => b.classification === 'all')!;
  return {
    region: input.region,
    month: input.month,
    dataAsOf: lastDayOf(input.month),
    releasedAt: input.releasedAt.toISOString(),
    method: DISCLOSURE_METHOD,
    band: input.band,
    withheld: input.withheld,
    areas: input.areas.map(({ area, name }) => ({
      area,
      name,
      groups: BREAKDOWNS.map((b) => ({
        classification: b.classification,
        group: b.classification === 'all' ? null : b.group,
        counts: Object.fromEntries(MEASURES.map((m) => [m, value(area, b, m)])) as Record<Measure, number | null>,
        rates: Object.fromEntries(
          (Object.entries(RATES) as [RateName, Measure][]).map(([rate, of]) => [
            rate,
            disparity(
              { numerator: value(area, b, rate), denominator: value(area, b, of) },
              { numerator: value(area, everyone, rate), denominator: value(area, everyone, of) },
              input.band,
            ),
          ]),
        ) as Record<RateName, Disparity>,
      })),
    })),
  };
}
