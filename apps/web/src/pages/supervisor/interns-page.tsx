import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { DataTable } from '../../components/table';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { useInternships } from '../internships-api';

/** The supervisor's interns: the internships at her workplace, with what is still to be certified. */
export function InternsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const internships = useInternships({ workplaceId: user.organisationId });
  return (
    <>
      <PageTitle>{t('interns.title')}</PageTitle>
      <p className="lead">{t('interns.intro')}</p>
      <QueryState query={internships}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('interns.empty')}</p>
          ) : (
            <DataTable
              caption={t('interns.title')}
              rows={page.items}
              rowKey={(i) => i.internshipId}
              columns={[
                {
                  header: t('interns.intern'),
                  cell: (i) => (
                    <Link to={paths.supervisorIntern(i.internshipId)}>{t('interns.internName', { id: i.candidateId.slice(0, 8) })}</Link>
                  ),
                },
                { header: t('interns.period'), cell: (i) => `${i.startDate} – ${i.endDate}` },
                { header: t('interns.supervisorRole'), cell: (i) => i.supervisorRole },
                {
                  header: t('interns.assessments'),
                  cell: (i) => t('interns.assessmentCount', { count: i.assessments, uncertified: i.uncertified }),
                },
              ]}
            />
          )
        }
      </QueryState>
    </>
  );
}
