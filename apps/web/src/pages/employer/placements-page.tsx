import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { useUser } from '../../session/session';
import { useNeedsOf } from '../needs-api';
import { useEmployerPlacements } from './answers-api';

/** Her organisation's placements: who (a pseudonym), for which role, from when, with what support, the next follow-up. */
export function EmployerPlacementsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const placements = useEmployerPlacements();
  // The role's name comes from her needs (a placement names only its need).
  const needs = useNeedsOf(user.organisationId);
  const roleOf = (needId: string) => needs.data?.items.find((n) => n.id === needId)?.roleName ?? '–';
  const measures = ['supervisor', 'languageSupport', 'studyCounselling'] as const;
  return (
    <>
      <PageTitle>{t('placements.title')}</PageTitle>
      <p>{t('placements.intro')}</p>
      <QueryState query={placements}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('placements.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('placements.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('placements.candidate')}</th>
                    <th scope="col">{t('placements.role')}</th>
                    <th scope="col">{t('needs.placementType')}</th>
                    <th scope="col">{t('placements.startDate')}</th>
                    <th scope="col">{t('placements.support')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('placements.nextFollowUp')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.placementId} data-proposal={p.proposalId}>
                      <th scope="row">{t('needs.candidate', { id: p.candidateId.slice(0, 8) })}</th>
                      <td>{roleOf(p.needId)}</td>
                      <td>{t(`placementType.${p.placementType}`)}</td>
                      <td>{p.startDate}</td>
                      <td>
                        {measures
                          .filter((m) => p.support?.[m])
                          .map((m) => t(`answer.${m}`))
                          .join(', ') || t('common.none')}
                      </td>
                      <td>
                        {t(`placements.status.${p.status}`)}
                        {p.endDate ? ` (${t('placements.endDate').toLowerCase()} ${p.endDate})` : ''}
                      </td>
                      <td>
                        {p.nextFollowUp
                          ? t('placements.followUpDue', { days: p.nextFollowUp.checkpointDays, date: p.nextFollowUp.dueOn })
                          : '–'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
