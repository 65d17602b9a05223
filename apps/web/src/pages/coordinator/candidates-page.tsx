import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useNames } from '../../api/reference';
import { QueryState, Success } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { paths } from '../../routes';
import { useCandidates } from './candidates-api';
import { Pager } from './queue-page';

const PAGE_SIZE = 20;

/** The coordinator's candidates, by pseudonym (names and contact details are on each candidate's own page). */
export function CandidatesPage() {
  const { t } = useTranslation();
  const names = useNames();
  const [page, setPage] = useState(1);
  const candidates = useCandidates(page);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return (
    <>
      <PageTitle>{t('candidates.title')}</PageTitle>
      {notice ? <Success>{t(notice)}</Success> : null}
      <p>
        <Link className="button" to={paths.coordinatorNewCandidate}>
          {t('candidates.register')}
        </Link>
      </p>
      <QueryState query={candidates}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('candidates.empty')}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t('candidates.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('candidates.candidate')}</th>
                      <th scope="col">{t('candidates.home')}</th>
                      <th scope="col">{t('candidates.available')}</th>
                      <th scope="col">{t('candidates.commuteShort')}</th>
                      <th scope="col">{t('candidates.consent')}</th>
                      <th scope="col">{t('candidates.waitingSince')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => (
                      <tr key={c.candidateId}>
                        <th scope="row">
                          <Link to={paths.coordinatorCandidate(c.candidateId)}>{c.candidateId.slice(0, 8)}</Link>
                        </th>
                        <td>{names.municipality(c.homeMunicipality)}</td>
                        <td>{c.availableFrom}</td>
                        <td>{t('candidates.minutes', { count: c.maxCommuteMinutes })}</td>
                        <td>{c.matchingConsent ? t('common.yes') : t('common.no')}</td>
                        <td>{c.waitingSince}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                total={data.total}
                offset={(page - 1) * PAGE_SIZE}
                size={PAGE_SIZE}
                onChange={(offset) => setPage(offset / PAGE_SIZE + 1)}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}
