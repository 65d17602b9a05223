import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Employer, Page } from '../api/types';
import { Progress } from '../components/feedback';
import { homeOf, PageTitle } from '../components/shell';
import { beginLogin, Claims, completeLogin } from '../session/oidc';
import { Role, ROLES, User, useSession } from '../session/session';

/** The start page: one button to the identity provider (authorization code with PKCE). */
export function StartPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [error, setError] = useState<string>();
  if (user) return <Navigate to={homeOf(user.role)} replace />;
  const login = () => beginLogin().catch((e: Error) => setError(e.message));
  return (
    <div className="start">
      <PageTitle>{t('start.title')}</PageTitle>
      <p className="lead">{t('start.intro')}</p>
      <section className="card" aria-labelledby="sign-in">
        <h2 id="sign-in">{t('start.chooseTitle')}</h2>
        <p>{t('start.chooseIntro')}</p>
        {error && (
          <p className="error" role="alert">
            {t('start.failed', { reason: error })}
          </p>
        )}
        <button type="button" id="login" onClick={login}>
          {t('start.login')}
        </button>
      </section>
    </div>
  );
}

/** The organisation's employer record, for the pages that post and list an employer's needs. */
async function employerOf(claims: Claims, accessToken: string): Promise<Employer | undefined> {
  const [type, key] = [claims.org.slice(0, claims.org.indexOf(':')), claims.org.slice(claims.org.indexOf(':') + 1)];
  if (type !== 'employer' && type !== 'municipality') return undefined;
  const response = await fetch('/employers?limit=100', { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) return undefined;
  const { items } = (await response.json()) as Page<Employer>;
  return type === 'employer'
    ? items.find((e) => e.organisationNumber === key)
    : items.find((e) => e.isMunicipality && e.municipalityCode === key);
}

/** /signin/callback: the provider sent the browser back with a code. */
export function SignInCallback() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [role, setRole] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    // Once: a code is good for one exchange (StrictMode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    completeLogin(location.search)
      .then(async (result) => {
        const first = result.claims.roles.find((r): r is Role => (ROLES as readonly string[]).includes(r));
        if (!first) return setRole(result.claims.roles.join(', '));
        const employer = await employerOf(result.claims, result.accessToken);
        const user: User = {
          name: result.name ?? result.claims.name ?? result.claims.preferred_username ?? result.claims.sub,
          role: first,
          organisationId: employer?.id,
          organisationName: result.claims.org_name ?? employer?.name,
          municipality:
            employer?.municipalityCode ?? (result.claims.municipalities.length === 1 ? result.claims.municipalities[0] : undefined),
          accessToken: result.accessToken,
          idToken: result.idToken,
          expiresAt: result.expiresAt,
        };
        signIn(user);
        navigate(result.returnTo !== '/' ? result.returnTo : homeOf(first), { replace: true });
      })
      .catch((e: Error) => setError(e.message));
  }, [location.search, navigate, signIn]);
  return (
    <div className="start">
      <PageTitle>{t('start.chooseTitle')}</PageTitle>
      {error ? (
        <p className="error" role="alert">
          {t('start.failed', { reason: error })}
        </p>
      ) : role ? (
        <p role="status">{t('start.noPages', { role })}</p>
      ) : (
        <Progress label={t('start.completing')} />
      )}
      {(error || role) && (
        <button type="button" onClick={() => beginLogin()}>
          {t('start.tryAgain')}
        </button>
      )}
    </div>
  );
}
