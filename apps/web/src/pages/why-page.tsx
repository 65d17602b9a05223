import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { get, query } from '../api/client';
import { useNames } from '../api/reference';
import type { PairWhy } from '../api/types';
import { QueryState } from '../components/feedback';
import { PageTitle } from '../components/shell';
import { WhyView } from '../components/why';
import { useNeed } from './needs-api';

export const usePairWhy = (candidateId: string, needId: string) =>
  useQuery({
    queryKey: ['why', candidateId, needId],
    queryFn: ({ signal }) => get<PairWhy>(`/matching/candidates/${candidateId}/why${query({ needId })}`, signal),
  });

/**
 * Why (or why not) one candidate for one need: for a coordinator from a candidate or a proposal, for an employer (or
 * HR) from her need. What the answer holds is the service's to decide: the employer's side has only the pseudonym.
 */
export function WhyPage() {
  const { candidateId = '', needId = '' } = useParams();
  const { t } = useTranslation();
  const names = useNames();
  const need = useNeed(needId);
  const why = usePairWhy(candidateId, needId);
  return (
    <>
      <PageTitle>{t('why.title')}</PageTitle>
      <p className="meta">
        {t('why.pair', { id: candidateId.slice(0, 8) })}
        {need.data ? (
          <> · {t('why.needMeta', { role: need.data.roleName, municipality: names.municipality(need.data.workplaceMunicipality) })}</>
        ) : null}
      </p>
      <QueryState query={why}>{(data) => <WhyView why={data} />}</QueryState>
    </>
  );
}
