import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { useOwnRoles } from './roles-api';

/** The municipality's own composed roles, and the way to compose a new one. */
export function RolesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const roles = useOwnRoles(user.organisationId);
  return (
    <>
      <PageTitle>{t('roleDesigner.title')}</PageTitle>
      <p className="lead">{t('roleDesigner.intro')}</p>
      <p>
        <Link className="button" to={paths.hrNewRole}>
          {t('roleDesigner.newRole')}
        </Link>
      </p>
      <h2>{t('roleDesigner.yourRoles')}</h2>
      <QueryState query={roles}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('roleDesigner.noRoles')}</p>
          ) : (
            <ul className="cards">
              {page.items.map((role) => (
                <li key={role.id} className="card">
                  <h3>
                    <Link to={paths.hrRole(role.id)}>{role.name}</Link>
                  </h3>
                  <p className="meta">
                    {t('roleDesigner.version', { version: role.latestVersion })} ·{' '}
                    {t('roleDesigner.taskCount', { count: role.tasks.length })}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
