import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post, query } from '../../api/client';
import type { Candidate, CandidatePage, JobTrack, Page, Proposal, SupportNeeds } from '../../api/types';

export interface ProfileInput {
  homeMunicipality: string;
  availableFrom: string;
  maxCommuteMinutes: number;
  interests: string[];
  supportNeeds: SupportNeeds;
  languages: string[];
}

export interface RegistrationInput extends ProfileInput {
  contact: { name: string; email?: string; phone?: string };
  consent: { matching: boolean };
}

export const useCandidates = (page: number, homeMunicipality?: string) =>
  useQuery({
    queryKey: ['candidates', page, homeMunicipality],
    queryFn: ({ signal }) => get<CandidatePage>(`/candidates${query({ page, pageSize: 20, homeMunicipality })}`, signal),
    placeholderData: (previous) => previous,
  });

export const useCandidate = (id: string) =>
  useQuery({ queryKey: ['candidate', id], queryFn: ({ signal }) => get<Candidate>(`/candidates/${id}`, signal) });

/**
 * The names of a page's candidates (the review queue, the placements) in one call to candidate-service, with her
 * own token: matching holds only pseudonymous ids. A candidate outside her area has no name here (left out).
 */
export function useCandidateNames(ids: readonly string[]) {
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['candidates', 'names', unique],
    queryFn: async ({ signal }) => {
      const { items } = await get<{ items: { candidateId: string; name: string }[] }>(
        `/candidates/names${query({ ids: unique.join(',') })}`,
        signal,
      );
      return new Map(items.map((item) => [item.candidateId, item.name]));
    },
    enabled: unique.length > 0,
    staleTime: 60_000,
  });
}

export const useCandidateProposals = (id: string) =>
  useQuery({
    queryKey: ['proposals', 'candidate', id],
    queryFn: ({ signal }) => get<Page<Proposal>>(`/matching/candidates/${id}/proposals?limit=20`, signal),
  });

export const useJobTrack = (id: string, roleId: string) =>
  useQuery({
    queryKey: ['job-track', id, roleId],
    queryFn: ({ signal }) => get<JobTrack>(`/candidates/${id}/job-track${query({ roleId })}`, signal),
    enabled: Boolean(roleId),
  });

export function useRegisterCandidate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RegistrationInput) => post<{ candidateId: string }>('/candidates', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['candidates'] }),
  });
}

export function useUpdateProfile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<ProfileInput>) => patch<{ candidateId: string }>(`/candidates/${id}`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['candidate', id] });
      void client.invalidateQueries({ queryKey: ['candidates'] });
    },
  });
}

export function useConsent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { purpose: 'matching' | 'follow-up-statistics'; given: boolean }) => post(`/candidates/${id}/consent`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['candidate', id] }),
  });
}

export function useErase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<void>(`/candidates/${id}/erasure`),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['candidate', id] });
      void client.invalidateQueries({ queryKey: ['candidates'] });
    },
  });
}

export function useStartInternship(candidateId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { workplaceId: string; supervisorRole: string; startDate: string; endDate: string }) =>
      post<{ internshipId: string }>('/internships', { candidateId, ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['internships'] }),
  });
}
