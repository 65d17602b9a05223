import type { GenderGroup, OriginGroup } from '@jobbspar/contracts';
import type { FollowUpAttributes } from '../../candidates/domain/candidate';

/**
 * The equal-distribution tables of one region and month, computed where the follow-up attributes live (their cells
 * and atoms: libs/contracts statistics/equal-distribution.v1). The attributes only ever pick the group of an atom,
 * and only protected sums leave this service.
 */
export interface Group {
  readonly gender: GenderGroup;
  readonly origin: OriginGroup;
}

/** Her groups in a month's tables; without consent to follow-up statistics (or without attributes) she is not recorded. */
export function groupOf(attributes: FollowUpAttributes | null, year: number): Group {
  if (!attributes) return { gender: 'not-recorded', origin: 'not-recorded' };
  const gender: GenderGroup = attributes.gender === 'woman' || attributes.gender === 'man' ? attributes.gender : 'other-or-not-stated';
  const origin: OriginGroup = !attributes.bornAbroad
    ? 'born-in-sweden'
    : attributes.yearOfArrival !== undefined && year - attributes.yearOfArrival < 5
      ? 'arrived-within-5-years'
      : 'arrived-earlier-or-unknown';
  return { gender, origin };
}

export interface MonthFacts {
  /** Placements started in the month. */
  readonly placements: readonly {
    municipality: string;
    group: Group;
    supervisor: boolean;
    languageSupport: boolean;
    studyCounselling: boolean;
  }[];
  /** Certified internships started in the month. */
  readonly internships: readonly { municipality: string; group: Group }[];
  /** Checkpoints that fell due in the month (30, 90, 180 days after a start) and what was recorded. */
  readonly checkpoints: readonly { municipality: string; group: Group; days: 30 | 90 | 180; outcome: 'work' | 'other' | 'missing' }[];
}

export { BREAKDOWNS, cellKey, equalDistributionCells, MEASURES } from '@jobbspar/contracts';

const bit = (b: boolean): string => (b ? '1' : '0');

export function equalDistributionAtoms(facts: MonthFacts): Map<string, number> {
  const atoms = new Map<string, number>();
  const add = (key: string): void => void atoms.set(key, (atoms.get(key) ?? 0) + 1);
  for (const p of facts.placements) {
    add(`pl|${p.municipality}|${p.group.gender}|${p.group.origin}|${bit(p.supervisor)}${bit(p.languageSupport)}${bit(p.studyCounselling)}`);
  }
  for (const i of facts.internships) add(`in|${i.municipality}|${i.group.gender}|${i.group.origin}`);
  for (const c of facts.checkpoints) add(`cp|${c.municipality}|${c.group.gender}|${c.group.origin}|${c.days}|${c.outcome}`);
  return atoms;
}
