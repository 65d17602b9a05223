import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useEmployers } from '../api/reference';
import { QueryState } from '../components/feedback';
import { homeOf, PageTitle } from '../components/shell';
import { Role, ROLES, useSession } from '../session/session';

/**
 * The start page. Until the identity provider is wired in, the demo signs in by choosing a role and an
 * organisation (the API does not check identity yet either); the menus and pages then behave per role.
 */
export function StartPage() {
  const { t } = useTranslation();
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const employers = useEmployers();
  const [role, setRole] = useState<Role>('employer');
  const [organisationId, setOrganisationId] = useState('');
  if (user) return <Navigate to={homeOf(user.role)} replace />;

  return (
    <div className="start">
      <PageTitle>{t('start.title')}</PageTitle>
      <p className="lead">{t('start.intro')}</p>
      <section className="card" aria-labelledby="sign-in">
        <h2 id="sign-in">{t('start.chooseTitle')}</h2>
        <p>{t('start.chooseIntro')}</p>
        <QueryState query={employers}>
          {(page) => {
            const choices = role === 'municipal-hr' || role === 'coordinator' ? page.items.filter((e) => e.isMunicipality) : page.items;
            const chosen = choices.find((e) => e.id === organisationId) ?? choices[0];
            const submit = (event: FormEvent) => {
              event.preventDefault();
              const name = `Demo ${t(`roles.${role}`)}`;
              signIn({ name, role, organisationId: chosen?.id, organisationName: chosen?.name, municipality: chosen?.municipalityCode });
              navigate(homeOf(role));
            };
            return (
              <form onSubmit={submit} className="form-narrow">
                <div className="field">
                  <label htmlFor="role">{t('start.role')}</label>
                  <select id="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="organisation">{t('start.organisation')}</label>
                  <select id="organisation" value={chosen?.id ?? ''} onChange={(e) => setOrganisationId(e.target.value)}>
                    {choices.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit">{t('start.continue')}</button>
              </form>
            );
          }}
        </QueryState>
      </section>
    </div>
  );
}
