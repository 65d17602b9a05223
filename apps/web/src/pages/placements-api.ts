import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../api/client';
import type { TFunction } from 'i18next';
import type { FollowUpStatus, Page, Placement, PlacementOutcome } from '../api/types';

export const PLACEMENTS_PAGE_SIZE = 20;

/** The placements the caller may see (matching-service scopes them: her organisation's, HR's municipality's, a coordinator's area), a page at a time. */
export const usePlacements = (offset: number) =>
  useQuery({
    queryKey: ['placements', offset],
    queryFn: ({ signal }) => get<Page<Placement>>(`/matching/placements${query({ limit: PLACEMENTS_PAGE_SIZE, offset })}`, signal),
    // The page she is on stays on screen while the next loads, so the pager does not jump.
    placeholderData: keepPreviousData,
  });

export interface DueFollowUp {
  placementId: string;
  needId: string;
  candidateId: string;
  employerId: string;
  startDate: string;
  checkpointDays: number;
  dueOn: string;
  overdue: boolean;
}

/** The coordinator's worklist: checkpoints not recorded, overdue first, then those falling due within `withinDays`. */
export const useDueFollowUps = (withinDays: number) =>
  useQuery({
    queryKey: ['follow-ups', 'due', withinDays],
    queryFn: ({ signal }) =>
      get<{ items: DueFollowUp[]; today: string; until: string }>(`/matching/follow-ups/due${query({ withinDays, limit: 200 })}`, signal),
  });

export function useRecordFollowUp(placementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { checkpointDays: number; status: FollowUpStatus }) =>
      post<Placement>(`/matching/placements/${placementId}/follow-ups`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['follow-ups'] });
      void client.invalidateQueries({ queryKey: ['placements'] });
    },
  });
}

/**
 * Ends a placement with its last day and outcome. Matching re-solves her and the need at once (she is free again), so
 * the proposals and the worklist are stale after it too.
 */
export function useEndPlacement(placementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { endDate: string; outcome: PlacementOutcome }) =>
      post<Placement>(`/matching/placements/${placementId}/end`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['placements'] });
      void client.invalidateQueries({ queryKey: ['follow-ups'] });
      void client.invalidateQueries({ queryKey: ['review-queue'] });
    },
  });
}

/** A placement's status in words, with its last day and outcome once it has ended: the same on every placements page. */
export const placementStatusText = (t: TFunction, p: Placement): string => {
  const ended = [
    p.endDate ? `${t('placements.endDate').toLowerCase()} ${p.endDate}` : undefined,
    p.outcome ? t(`placementOutcome.${p.outcome}`).toLowerCase() : undefined,
  ].filter(Boolean);
  return `${t(`placements.status.${p.status}`)}${ended.length ? ` (${ended.join(', ')})` : ''}`;
};

/** The next checkpoint and the day it falls due, or a dash once all are recorded. */
export const nextFollowUpText = (t: TFunction, p: Placement): string =>
  p.nextFollowUp ? t('placements.followUpDue', { days: p.nextFollowUp.checkpointDays, date: p.nextFollowUp.dueOn }) : '–';
