import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Placement } from '../../api/types';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { DataTable, Pager } from '../../components/table';
import { useUser } from '../../session/session';
import { useNeedsByIds } from '../needs-api';
import { nextFollowUpText, placementStatusText, PLACEMENTS_PAGE_SIZE, usePlacements } from '../placements-api';

const MEASURES = ['supervisor', 'languageSupport', 'studyCounselling'] as const;

/**
 * Her organisation's placements (for municipal HR, the municipality's as employer): who (a pseudonym), for which
 * role, from when, with what support, the next follow-up; a page at a time, the latest start first.
 */
export function EmployerPlacementsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [offset, setOffset] = useState(0);
  const placements = usePlacements(offset);
  // The role's name comes from the page's needs, in one call (a placement names only its need).
  const needs = useNeedsByIds((placements.data?.items ?? []).map((p) => p.needId));
  const roleOf = (needId: string) => needs.data?.get(needId)?.roleName ?? '–';
  const title = t(user.role === 'municipal-hr' ? 'placements.hrTitle' : 'placements.title');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>{t('placements.intro')}</p>
      <QueryState query={placements}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('placements.empty')}</p>
          ) : (
            <>
              <DataTable<Placement>
                caption={title}
                rows={page.items}
                rowKey={(p) => p.placementId}
                rowAttributes={(p) => ({ 'data-proposal': p.proposalId })}
                columns={[
                  { header: t('placements.candidate'), cell: (p) => t('needs.candidate', { id: p.candidateId.slice(0, 8) }) },
                  { header: t('placements.role'), cell: (p) => roleOf(p.needId) },
                  { header: t('needs.placementType'), cell: (p) => t(`placementType.${p.placementType}`) },
                  { header: t('placements.startDate'), cell: (p) => p.startDate },
                  {
                    header: t('placements.support'),
                    cell: (p) =>
                      MEASURES.filter((m) => p.support?.[m])
                        .map((m) => t(`answer.${m}`))
                        .join(', ') || t('common.none'),
                  },
                  { header: t('common.status'), cell: (p) => placementStatusText(t, p) },
                  { header: t('placements.nextFollowUp'), cell: (p) => nextFollowUpText(t, p) },
                ]}
              />
              <Pager total={page.total} offset={offset} size={PLACEMENTS_PAGE_SIZE} onChange={setOffset} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
