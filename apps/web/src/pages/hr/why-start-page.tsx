import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/reference';
import { formatScore } from '../../components/explanation';
import { QueryState } from '../../components/feedback';
import { useSearchPaging } from '../../components/search';
import { PageTitle } from '../../components/shell';
import { Pager } from '../../components/table';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { NEEDS_PAGE_SIZE, useNeedProposals, useNeedsOf } from '../needs-api';
import { NeedSearch } from '../need-search';
import { WhyForCandidate } from '../why-for-candidate';

/**
 * HR's own way in to why and why not: one of the municipality's needs, then a candidate proposed for it or any
 * pseudonym (HR is the employer's side: she knows candidates by pseudonym only). Before, only from a need's page.
 * The needs are searched by role and paged, twenty at a time, so a municipality with hundreds reaches every one.
 */
export function HrWhyStartPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { text, setText, q, offset, setOffset } = useSearchPaging();
  const needs = useNeedsOf(user.organisationId, q, offset);
  const names = useNames();
  const [needId, setNeedId] = useState('');
  return (
    <>
      <PageTitle>{t('hrWhy.title')}</PageTitle>
      <p>{t('hrWhy.intro')}</p>
      <NeedSearch id="hr-why-search" text={text} onText={setText} q={q} total={needs.data?.total} />
      <QueryState query={needs}>
        {(page) => {
          const chosen = page.items.some((n) => n.id === needId)
            ? needId
            : (page.items.find((n) => n.status === 'open') ?? page.items[0])?.id;
          if (!chosen) return <p>{q ? t('needs.noneFound') : t('needs.empty')}</p>;
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
              <Pager total={page.total} offset={offset} size={NEEDS_PAGE_SIZE} onChange={setOffset} />
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
