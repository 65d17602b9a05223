import { useQuery } from '@tanstack/react-query';
import { authHeaders, get } from '../../api/client';
import type { Page } from '../../api/types';

export interface Figure {
  municipality: string;
  month: string;
  value: number;
}

export interface Goal {
  goalId: string;
  region: string;
  name: string;
  targetGroup: string;
  baselineMonth: string;
  targetMonth: string;
  reductionPercent: number;
  figures: Figure[];
}

export interface Progress {
  baseline: number;
  target: number;
  latestMonth: string;
  latest: number;
  planned: number;
  status: 'reached' | 'on-track' | 'behind' | 'no-figure-yet';
  pacePerMonth: number | null;
  reachedByAtCurrentPace: string | null;
}

export interface GoalProgress extends Goal {
  municipalities: Array<Progress & { municipality: string; name: string }>;
  cooperation: Progress & { municipalitiesCounted: number };
}

export type Count = number | null;

export interface AreaOutcomes {
  area: string;
  name: string;
  funnel: Record<
    'registered' | 'firstCertifiedTask' | 'proposed' | 'accepted' | 'placed' | 'inWorkOrStudies90' | 'inWorkOrStudies180',
    Count
  >;
  placementsByType: Record<'internship' | 'work-training' | 'employment' | 'total', Count>;
  followUps: { due: Count; onTime: Count; shareOnTime: number | null };
  medianDaysToFirstPlacement: number | null;
}

export interface Outcomes {
  region: string;
  month: string;
  dataAsOf: string;
  releasedAt: string;
  method: { name: string; description: string; smallestShownCount: number };
  followUpGraceDays: number;
  areas: AreaOutcomes[];
}

const base = (region: string) => `/follow-up/regions/${region}`;

export const useGoals = (region: string | undefined) =>
  useQuery({
    queryKey: ['follow-up', region, 'goals'],
    // A region keeps a handful of goals: the chooser offers the first hundred (the API's largest page).
    queryFn: async ({ signal }) => (await get<Page<Goal>>(`${base(region!)}/goals?limit=100`, signal)).items,
    enabled: Boolean(region),
  });

export const useGoalProgress = (region: string | undefined, goalId: string | undefined) =>
  useQuery({
    queryKey: ['follow-up', region, 'progress', goalId],
    queryFn: ({ signal }) => get<GoalProgress>(`${base(region!)}/goals/${goalId}/progress`, signal),
    enabled: Boolean(region && goalId),
  });

export const useReleasedMonths = (region: string | undefined) =>
  useQuery({
    queryKey: ['follow-up', region, 'months'],
    queryFn: ({ signal }) =>
      get<{ months: string[]; nextRelease: { month: string; on: string } }>(`${base(region!)}/outcomes/months`, signal),
    enabled: Boolean(region),
  });

export const useOutcomes = (region: string | undefined, month: string | undefined) =>
  useQuery({
    queryKey: ['follow-up', region, 'outcomes', month],
    queryFn: ({ signal }) => get<Outcomes>(`${base(region!)}/outcomes?month=${month}`, signal),
    enabled: Boolean(region && month),
  });

export const exportUrl = {
  progress: (region: string, goalId: string, format: 'csv' | 'xlsx') => `${base(region)}/goals/${goalId}/progress/export?format=${format}`,
  outcomes: (region: string, month: string, format: 'csv' | 'xlsx') => `${base(region)}/outcomes/export?month=${month}&format=${format}`,
};

/** Downloads a report with the caller's token (a plain link could not carry it) and saves it under its own name. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const RATES = ['withSupervisor', 'withLanguageSupport', 'withStudyCounselling', 'inWorkOrStudies90', 'inWorkOrStudies180'] as const;
export type RateName = (typeof RATES)[number];

export interface Disparity {
  rate: number | null;
  ratio: number | null;
  warning: 'below' | 'above' | null;
}

export interface GroupRow {
  classification: 'gender' | 'origin' | 'all';
  group: string | null;
  counts: Record<string, Count>;
  rates: Record<RateName, Disparity>;
}

export interface EqualDistribution {
  region: string;
  month: string;
  dataAsOf: string;
  releasedAt: string;
  method: Outcomes['method'];
  band: { low: number; high: number };
  withheld: string | null;
  areas: Array<{ area: string; name: string; groups: GroupRow[] }>;
}

export interface TrainingNeed {
  taskId: string;
  name: string;
  occupations: string[];
  languageDemand: string | null;
  needsAsking: number;
  positionsAsking: number;
  candidatesLacking: Count;
  candidatesOneStepAway: Count;
  positionsThatWouldOpen: Count;
}

export interface WhereToTrain {
  region: string;
  dataAsOf: string;
  method: Outcomes['method'];
  tasks: TrainingNeed[];
}

export const useEqualDistribution = (region: string | undefined, month: string | undefined) =>
  useQuery({
    queryKey: ['follow-up', region, 'equal-distribution', month],
    queryFn: ({ signal }) => get<EqualDistribution>(`${base(region!)}/equal-distribution?month=${month}`, signal),
    enabled: Boolean(region && month),
  });

export const useWhereToTrain = (region: string | undefined) =>
  useQuery({
    queryKey: ['follow-up', region, 'where-to-train'],
    queryFn: ({ signal }) => get<WhereToTrain>(`${base(region!)}/where-to-train`, signal),
    enabled: Boolean(region),
  });

export const reportExportUrl = {
  equalDistribution: (region: string, month: string, format: 'csv' | 'xlsx') =>
    `${base(region)}/equal-distribution/export?month=${month}&format=${format}`,
  whereToTrain: (region: string, format: 'csv' | 'xlsx') => `${base(region)}/where-to-train/export?format=${format}`,
};
