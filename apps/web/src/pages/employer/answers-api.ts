import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../../api/client';
import type { DeclineReason, EmployerProposal, Page, Placement, SupportMeasures } from '../../api/types';

/** The accepted proposals waiting for her answer (matching-service scopes them to her organisation's needs). */
export const useProposalsToAnswer = () =>
  useQuery({
    queryKey: ['employer-proposals', 'accepted'],
    queryFn: ({ signal }) =>
      get<Page<EmployerProposal>>(`/matching/employer-proposals${query({ status: 'accepted', limit: 100 })}`, signal),
  });

/** Her answer: a confirmation starts the placement, a decline frees the room; either way the list changes. */
export function useAnswerProposal(proposalId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      answer: { kind: 'confirm'; startDate: string; support: SupportMeasures } | { kind: 'decline'; reasonCode: DeclineReason },
    ): Promise<Placement | EmployerProposal> =>
      answer.kind === 'confirm'
        ? post<Placement>(`/matching/proposals/${proposalId}/confirm`, { startDate: answer.startDate, support: answer.support })
        : post<EmployerProposal>(`/matching/proposals/${proposalId}/decline`, { reasonCode: answer.reasonCode }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['employer-proposals'] });
      void client.invalidateQueries({ queryKey: ['placements'] });
      void client.invalidateQueries({ queryKey: ['proposals'] });
      void client.invalidateQueries({ queryKey: ['needs'] });
    },
  });
}

/** The Swedish day of an instant: a placement may start on the day of the acceptance in Sweden, not before. */
export const swedishDay = (iso: string): string => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
