import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
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
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('interns.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('interns.intern')}</th>
                    <th scope="col">{t('interns.period')}</th>
                    <th scope="col">{t('interns.supervisorRole')}</th>
                    <th scope="col">{t('interns.assessments')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((i) => (
                    <tr key={i.internshipId}>
                      <th scope="row">
                        <Link to={paths.supervisorIntern(i.internshipId)}>
                          {t('interns.internName', { id: i.candidateId.slice(0, 8) })}
                        </Link>
                      </th>
                      <td>
                        {i.startDate} – {i.endDate}
                      </td>
                      <td>{i.supervisorRole}</td>
                      <td>{t('interns.assessmentCount', { count: i.assessments, uncertified: i.uncertified })}</td>
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
