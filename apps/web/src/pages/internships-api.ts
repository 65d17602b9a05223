import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../api/client';
import type { Internship } from '../api/types';

export interface InternshipListItem {
  internshipId: string;
  candidateId: string;
  workplaceId: string;
  supervisorRole: string;
  startDate: string;
  endDate: string;
  assessments: number;
  uncertified: number;
}

export const useInternships = (filter: { workplaceId?: string; candidateId?: string }) =>
  useQuery({
    queryKey: ['internships', filter],
    queryFn: ({ signal }) => get<{ items: InternshipListItem[]; total: number }>(`/internships${query({ ...filter, limit: 100 })}`, signal),
    enabled: Boolean(filter.workplaceId || filter.candidateId),
  });

export const useInternship = (id: string) =>
  useQuery({ queryKey: ['internship', id], queryFn: ({ signal }) => get<Internship>(`/internships/${id}`, signal) });

export function useRecordAssessment(internshipId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { taskId: string; level: number; assessedOn: string; comment?: string }) =>
      post<{ assessmentId: string }>(`/internships/${internshipId}/assessments`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['internship', internshipId] });
      void client.invalidateQueries({ queryKey: ['internships'] });
    },
  });
}

export function useCertify(internshipId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (assessmentId: string) => post<{ validationId: string }>(`/assessments/${assessmentId}/certify`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['internship', internshipId] });
      void client.invalidateQueries({ queryKey: ['internships'] });
      void client.invalidateQueries({ queryKey: ['candidate'] });
    },
  });
}
