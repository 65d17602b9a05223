import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post, query } from '../api/client';
import type { Need, Page, PlacementType, Proposal, Role, Support } from '../api/types';

export interface NeedInput {
  roleId: string;
  positions: number;
  workplaceMunicipality: string;
  startDate: string;
  placementType: PlacementType;
  support: Support;
  publish: boolean;
}

export const NEEDS_PAGE_SIZE = 20;

/**
 * The employer's needs, drafts and closed ones too (GET /needs lists only open needs unless asked), newest first, a
 * page at a time and narrowed by text in the role's name: an organisation with hundreds of needs reaches every one.
 */
export const useNeedsOf = (employerId: string | undefined, text: string, offset: number) =>
  useQuery({
    queryKey: ['needs', { employerId, text, offset }],
    queryFn: ({ signal }) =>
      get<Page<Need>>(`/needs${query({ employerId, status: 'any', q: text || undefined, limit: NEEDS_PAGE_SIZE, offset })}`, signal),
    enabled: Boolean(employerId),
    placeholderData: keepPreviousData,
  });

/**
 * The needs a page's rows are for (the review queue's proposals, her placements), in one call: GET /needs/batch
 * leaves out a need she may not see, and its row shows without it.
 */
export function useNeedsByIds(ids: string[]) {
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['needs', 'by-id', unique],
    queryFn: async ({ signal }) => {
      const { items } = await get<{ items: Need[] }>(`/needs/batch${query({ ids: unique.join(',') })}`, signal);
      return new Map(items.map((n) => [n.id, n]));
    },
    enabled: unique.length > 0,
  });
}

export const OPEN_NEEDS_PAGE_SIZE = 20;

/**
 * Open needs anywhere (GET /needs lists open ones unless asked), a page at a time, narrowed by text in the role's or
 * the employer's name: what a coordinator may ask why (not) for, however many there are.
 */
export const useOpenNeeds = (text: string, offset: number) =>
  useQuery({
    queryKey: ['needs', 'open', text, offset],
    queryFn: ({ signal }) => get<Page<Need>>(`/needs${query({ q: text || undefined, limit: OPEN_NEEDS_PAGE_SIZE, offset })}`, signal),
    placeholderData: keepPreviousData,
  });

export const useNeed = (id: string) => useQuery({ queryKey: ['need', id], queryFn: ({ signal }) => get<Need>(`/needs/${id}`, signal) });

export const useNeedProposals = (needId: string) =>
  useQuery({
    queryKey: ['proposals', 'need', needId],
    queryFn: ({ signal }) => get<Page<Proposal>>(`/matching/needs/${needId}/proposals?limit=50`, signal),
  });

/** The roles an organisation can post needs for: the standard roles and its own composed ones. */
export const useRolesFor = (employerId: string | undefined) =>
  useQuery({
    queryKey: ['roles', 'for', employerId],
    queryFn: async ({ signal }) => {
      const [standard, own] = await Promise.all([
        get<Page<Role>>('/roles?kind=standard&limit=100', signal),
        get<Page<Role>>(`/roles${query({ employerId, kind: 'composed', limit: 100 })}`, signal),
      ]);
      return { standard: standard.items, own: own.items };
    },
    enabled: Boolean(employerId),
  });

export function usePostNeed(employerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NeedInput) => post<Need>('/needs', { employerId, ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['needs'] }),
  });
}

export function useUpdateNeed(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<Pick<NeedInput, 'positions' | 'startDate' | 'placementType' | 'support'>>) =>
      patch<Need>(`/needs/${id}`, input),
    onSuccess: (need) => {
      client.setQueryData(['need', id], need);
      void client.invalidateQueries({ queryKey: ['needs'] });
    },
  });
}

export function useNeedTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'close'; reason: string } | { kind: 'open' }) =>
      action.kind === 'close' ? post<Need>(`/needs/${id}/close`, { reason: action.reason }) : post<Need>(`/needs/${id}/open`),
    onSuccess: (need) => {
      client.setQueryData(['need', id], need);
      void client.invalidateQueries({ queryKey: ['needs'] });
    },
  });
}
