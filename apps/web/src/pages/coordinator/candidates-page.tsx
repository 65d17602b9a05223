import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useNames } from '../../api/reference';
import { QueryState, Success } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { paths } from '../../routes';
import { useCandidates } from './candidates-api';
import { DataTable, Pager } from '../../components/table';

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
              <DataTable
                caption={t('candidates.title')}
                rows={data.items}
                rowKey={(c) => c.candidateId}
                columns={[
                  {
                    header: t('candidates.candidate'),
                    cell: (c) => <Link to={paths.coordinatorCandidate(c.candidateId)}>{c.candidateId.slice(0, 8)}</Link>,
                  },
                  { header: t('candidates.home'), cell: (c) => names.municipality(c.homeMunicipality) },
                  { header: t('candidates.available'), cell: (c) => c.availableFrom },
                  { header: t('candidates.commuteShort'), cell: (c) => t('candidates.minutes', { count: c.maxCommuteMinutes }) },
                  { header: t('candidates.consent'), cell: (c) => (c.matchingConsent ? t('common.yes') : t('common.no')) },
                  { header: t('candidates.waitingSince'), cell: (c) => c.waitingSince },
                ]}
              />
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
