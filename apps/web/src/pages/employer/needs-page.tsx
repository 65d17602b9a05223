import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/reference';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { useUser } from '../../session/session';
import { useNeedsOf } from '../needs-api';

/** The needs of the signed-in organisation: what is open, how many positions are left, and a way in to each. */
export function NeedsPage({ title, newPath, needPath }: { title: string; newPath: string; needPath: (id: string) => string }) {
  const { t } = useTranslation();
  const user = useUser();
  const needs = useNeedsOf(user.organisationId);
  const names = useNames();
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>
        <Link className="button" to={newPath}>
          {t('needs.new')}
        </Link>
      </p>
      <QueryState query={needs}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('needs.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('needs.role')}</th>
                    <th scope="col">{t('common.municipality')}</th>
                    <th scope="col">{t('needs.positions')}</th>
                    <th scope="col">{t('needs.startDate')}</th>
                    <th scope="col">{t('needs.placementType')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((need) => (
                    <tr key={need.id}>
                      <th scope="row">
                        <Link to={needPath(need.id)}>{need.roleName}</Link>
                      </th>
                      <td>{names.municipality(need.workplaceMunicipality)}</td>
                      <td>{t('needs.positionsOpen', { open: need.positionsOpen, total: need.positions })}</td>
                      <td>{need.startDate}</td>
                      <td>{t(`placementType.${need.placementType}`)}</td>
                      <td>
                        <span className={`badge badge-${need.status}`}>{t(`needStatus.${need.status}`)}</span>
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
