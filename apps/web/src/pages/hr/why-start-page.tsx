import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/reference';
import { formatScore } from '../../components/explanation';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { useNeedProposals, useNeedsOf } from '../needs-api';
import { WhyForCandidate } from '../why-for-candidate';

/**
 * HR's own way in to why and why not: one of the municipality's needs, then a candidate proposed for it or any
 * pseudonym (HR is the employer's side: she knows candidates by pseudonym only). Before, only from a need's page.
 */
export function HrWhyStartPage() {
  const { t } = useTranslation();
  const user = useUser();
  const needs = useNeedsOf(user.organisationId);
  const names = useNames();
  const [needId, setNeedId] = useState('');
  return (
    <>
      <PageTitle>{t('hrWhy.title')}</PageTitle>
      <p>{t('hrWhy.intro')}</p>
      <QueryState query={needs}>
        {(page) => {
          const chosen = page.items.some((n) => n.id === needId)
            ? needId
            : (page.items.find((n) => n.status === 'open') ?? page.items[0])?.id;
          if (!chosen) return <p>{t('needs.empty')}</p>;
          return (
            <>
              <div className="field">
                <label htmlFor="hr-why-need">{t('why.forNeedLabel')}</label>
                <select id="hr-why-need" value={chosen} onChange={(e) => setNeedId(e.target.value)}>
                  {page.items.map((n) => (
                    <option key={n.id} value={n.id}>
                      {t('hrWhy.needOption', {
                        role: n.roleName,
                        municipality: names.municipality(n.workplaceMunicipality),
                        status: t(`needStatus.${n.status}`),
                      })}
                    </option>
                  ))}
                </select>
              </div>
              <ProposedFor needId={chosen} />
              <WhyForCandidate needId={chosen} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function ProposedFor({ needId }: { needId: string }) {
  const { t, i18n } = useTranslation();
  const proposals = useNeedProposals(needId);
  return (
    <section className="card" aria-labelledby="hr-why-proposed">
      <h2 id="hr-why-proposed">{t('hrWhy.proposedTitle')}</h2>
      <QueryState query={proposals}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('needs.proposalsEmpty')}</p>
          ) : (
            <ul>
              {page.items.map((p) => (
                <li key={p.proposalId}>
                  <Link to={paths.hrWhy(needId, p.candidateId)}>
                    {t('hrWhy.proposal', {
                      candidate: t('needs.candidate', { id: p.candidateId.slice(0, 8) }),
                      score: formatScore(p.score, i18n.language),
                      status: t(`proposalStatus.${p.status}`),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
