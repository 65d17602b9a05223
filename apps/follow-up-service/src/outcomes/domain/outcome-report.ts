import { DISCLOSURE_METHOD, type CellDefinition } from '@jobbspar/disclosure';
import { addDays, daysBetween, lastDayOf, monthOf } from '../../common/months';

export const PLACEMENT_TYPES = ['internship', 'work-training', 'employment'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];
export const FUNNEL_STAGES = [
  'registered',
  'firstCertifiedTask',
  'proposed',
  'accepted',
  'placed',
  'inWorkOrStudies90',
  'inWorkOrStudies180',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const CHECKPOINTS = [30, 90, 180] as const;

/** What the projection knows of one person (pseudonymous), dates as `YYYY-MM-DD`. */
export interface PersonFacts {
  readonly municipality: string;
  readonly registeredOn: string;
  readonly firstTaskOn: string | null;
  readonly firstProposedOn: string | null;
  readonly firstAcceptedOn: string | null;
  readonly firstPlacementOn: string | null;
}

export interface PlacementFacts {
  readonly placementId: string;
  readonly municipality: string;
  readonly type: PlacementType;
  readonly startDate: string;
  readonly first: boolean;
  /** The checkpoints recorded: days → status and the day it was recorded. */
  readonly checkpoints: ReadonlyMap<number, { status: string; recordedOn: string }>;
}

/**
 * The atoms of one month's outcome tables: counts of the finest classification every published outcome cell is a
 * sum of. A fact belongs to the month of its own date: the registration day, the day the first task was assessed,
 * the start of the placement, the day a checkpoint fell due (30/90/180 days after the start).
 *   reg|m, task|m, prop|m, acc|m                         people reaching that stage for the first time
 *   pl|m|type|first, pl|m|type|later                      placements started
 *   cp|m|days|work|on-time ... cp|m|days|missing|late     checkpoints due, by outcome and timeliness
 */
export function outcomeAtoms(
  month: string,
  people: readonly PersonFacts[],
  placements: readonly PlacementFacts[],
  graceDays: number,
): Map<string, number> {
  const atoms = new Map<string, number>();
  const add = (key: string): void => void atoms.set(key, (atoms.get(key) ?? 0) + 1);
  const inMonth = (day: string | null): boolean => day !== null && monthOf(day) === month;
  for (const p of people) {
    if (inMonth(p.registeredOn)) add(`reg|${p.municipality}`);
    if (inMonth(p.firstTaskOn)) add(`task|${p.municipality}`);
    if (inMonth(p.firstProposedOn)) add(`prop|${p.municipality}`);
    if (inMonth(p.firstAcceptedOn)) add(`acc|${p.municipality}`);
  }
  for (const pl of placements) {
    if (inMonth(pl.startDate)) add(`pl|${pl.municipality}|${pl.type}|${pl.first ? 'first' : 'later'}`);
    for (const days of CHECKPOINTS) {
      const due = addDays(pl.startDate, days);
      if (!inMonth(due)) continue;
      const recorded = pl.checkpoints.get(days);
      const outcome = !recorded ? 'missing' : recorded.status === 'in-work' || recorded.status === 'in-studies' ? 'work' : 'other';
      const onTime = recorded !== undefined && daysBetween(due, recorded.recordedOn) <= graceDays;
      add(`cp|${pl.municipality}|${days}|${outcome}|${onTime ? 'on-time' : 'late'}`);
    }
  }
  return atoms;
}

const TYPE_ATOMS = (m: string, type: PlacementType, which: ('first' | 'later')[]) => which.map((w) => `pl|${m}|${type}|${w}`);
const CP_ATOMS = (m: string, days: readonly number[], outcomes: string[], timeliness: string[]) =>
  days.flatMap((d) => outcomes.flatMap((o) => timeliness.map((t) => `cp|${m}|${d}|${o}|${t}`)));

/** The cells of one area (a municipality, or the region as the union of its municipalities). */
function areaCells(area: string, municipalities: readonly string[]): CellDefinition[] {
  const over = (f: (m: string) => string[]): string[] => municipalities.flatMap(f);
  const all = ['first', 'later'] as ('first' | 'later')[];
  const funnel: Record<FunnelStage, string[]> = {
    registered: over((m) => [`reg|${m}`]),
    firstCertifiedTask: over((m) => [`task|${m}`]),
    proposed: over((m) => [`prop|${m}`]),
    accepted: over((m) => [`acc|${m}`]),
    placed: over((m) => PLACEMENT_TYPES.flatMap((t) => TYPE_ATOMS(m, t, ['first']))),
    inWorkOrStudies90: over((m) => CP_ATOMS(m, [90], ['work'], ['on-time', 'late'])),
    inWorkOrStudies180: over((m) => CP_ATOMS(m, [180], ['work'], ['on-time', 'late'])),
  };
  return [
    ...FUNNEL_STAGES.map((stage) => ({ key: `${area}|funnel.${stage}`, atoms: funnel[stage] })),
    ...PLACEMENT_TYPES.map((t) => ({ key: `${area}|placements.${t}`, atoms: over((m) => TYPE_ATOMS(m, t, all)) })),
    { key: `${area}|placements.total`, atoms: over((m) => PLACEMENT_TYPES.flatMap((t) => TYPE_ATOMS(m, t, all))) },
    { key: `${area}|followUps.due`, atoms: over((m) => CP_ATOMS(m, CHECKPOINTS, ['work', 'other', 'missing'], ['on-time', 'late'])) },
    { key: `${area}|followUps.onTime`, atoms: over((m) => CP_ATOMS(m, CHECKPOINTS, ['work', 'other'], ['on-time'])) },
  ];
}

/** Every cell the month's outcome report publishes: each municipality of the region, and the region as a whole. */
export function outcomeCells(region: string, municipalities: readonly string[]): CellDefinition[] {
  return [...municipalities.flatMap((m) => areaCells(m, [m])), ...areaCells(region, municipalities)];
}

export interface AreaOutcomes {
  area: string;
  name: string;
  funnel: Record<FunnelStage, number | null>;
  placementsByType: Record<PlacementType | 'total', number | null>;
  followUps: { due: number | null; onTime: number | null; shareOnTime: number | null };
  medianDaysToFirstPlacement: number | null;
}

export interface OutcomesReport {
  region: string;
  month: string;
  /** The last day of the month: the data are the facts dated in it, as the projection held them when released. */
  dataAsOf: string;
  releasedAt: string;
  method: typeof DISCLOSURE_METHOD;
  followUpGraceDays: number;
  areas: AreaOutcomes[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Assembles the published report from the protected cells; derived figures only where all their counts are shown. */
export function assembleOutcomes(input: {
  region: string;
  month: string;
  releasedAt: Date;
  graceDays: number;
  areas: { area: string; name: string; municipalities: readonly string[] }[];
  shown: ReadonlyMap<string, number | null>;
  people: readonly PersonFacts[];
}): OutcomesReport {
  const cell = (area: string, name: string): number | null => input.shown.get(`${area}|${name}`) ?? null;
  return {
    region: input.region,
    month: input.month,
    dataAsOf: lastDayOf(input.month),
    releasedAt: input.releasedAt.toISOString(),
    method: DISCLOSURE_METHOD,
    followUpGraceDays: input.graceDays,
    areas: input.areas.map(({ area, name, municipalities }) => {
      const due = cell(area, 'followUps.due');
      const onTime = cell(area, 'followUps.onTime');
      const placed = cell(area, 'funnel.placed');
      const days = input.people
        .filter(
          (p) => municipalities.includes(p.municipality) && p.firstPlacementOn !== null && monthOf(p.firstPlacementOn) === input.month,
        )
        .map((p) => Math.max(0, daysBetween(p.registeredOn, p.firstPlacementOn!)));
      return {
        area,
        name,
        funnel: Object.fromEntries(FUNNEL_STAGES.map((s) => [s, cell(area, `funnel.${s}`)])) as Record<FunnelStage, number | null>,
        placementsByType: Object.fromEntries([...PLACEMENT_TYPES, 'total'].map((t) => [t, cell(area, `placements.${t}`)])) as Record<
          PlacementType | 'total',
          number | null
        >,
        followUps: {
          due,
          onTime,
          shareOnTime: due !== null && onTime !== null && due > 0 ? Math.round((onTime / due) * 1000) / 1000 : null,
        },
        // A median of fewer than five people would come close to telling one person's wait.
        medianDaysToFirstPlacement: placed !== null && placed > 0 ? median(days) : null,
      };
    }),
  };
}

/** The published cells of a report, by the keys of outcomeCells (null: hidden). */
export function publishedOutcomeCells(report: OutcomesReport): Map<string, number | null> {
  const cells = new Map<string, number | null>();
  for (const a of report.areas) {
    for (const stage of FUNNEL_STAGES) cells.set(`${a.area}|funnel.${stage}`, a.funnel[stage]);
    for (const t of [...PLACEMENT_TYPES, 'total'] as const) cells.set(`${a.area}|placements.${t}`, a.placementsByType[t]);
    cells.set(`${a.area}|followUps.due`, a.followUps.due);
    cells.set(`${a.area}|followUps.onTime`, a.followUps.onTime);
  }
  return cells;
}
