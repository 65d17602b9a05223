import { useIsFetching } from '@tanstack/react-query';
import { ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, useLocation } from 'react-router';
import { setLanguage } from '../i18n';
import { paths } from '../routes';
import { Role, useSession } from '../session/session';

/** What each role sees in the menu: its own work and nothing else. */
export const NAVIGATION: Record<Role, Array<{ to: string; label: string }>> = {
  employer: [
    { to: paths.employerNeeds, label: 'nav.employerNeeds' },
    { to: paths.employerProposals, label: 'nav.employerProposals' },
    { to: paths.employerPlacements, label: 'nav.employerPlacements' },
  ],
  'municipal-hr': [
    { to: paths.hrRoles, label: 'nav.hrRoles' },
    { to: paths.hrNeeds, label: 'nav.hrNeeds' },
    { to: paths.hrProposals, label: 'nav.hrProposals' },
    { to: paths.hrPlacements, label: 'nav.hrPlacements' },
    { to: paths.hrWhyStart, label: 'nav.hrWhy' },
  ],
  supervisor: [{ to: paths.supervisorInterns, label: 'nav.supervisorInterns' }],
  coordinator: [
    { to: paths.coordinatorQueue, label: 'nav.coordinatorQueue' },
    { to: paths.coordinatorCandidates, label: 'nav.coordinatorCandidates' },
    { to: paths.coordinatorPlacements, label: 'nav.coordinatorPlacements' },
  ],
  analyst: [
    { to: paths.analystOverview, label: 'nav.analystOverview' },
    { to: paths.analystEqualDistribution, label: 'nav.analystEqualDistribution' },
    { to: paths.analystWhereToTrain, label: 'nav.analystWhereToTrain' },
  ],
};

export const homeOf = (role: Role): string => NAVIGATION[role][0].to;

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, signOut } = useSession();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  // After a client-side navigation, move focus to the new page's content, as a full page load would.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  const other = i18n.language === 'en' ? 'sv' : 'en';
  // While data is loading the content is marked busy, for assistive technology (and the tests, which wait for it).
  const fetching = useIsFetching();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to={user ? homeOf(user.role) : paths.start} className="brand">
            {t('app.name')}
          </Link>
          <div className="header-tools">
            <button
              type="button"
              className="button-link"
              lang={other}
              onClick={() => setLanguage(other)}
              aria-label={t('app.switchToLabel')}
            >
              {t('app.switchTo')}
            </button>
            {user ? (
              <>
                <span className="who">{t('app.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}</span>
                <button type="button" className="button-link" onClick={signOut}>
                  {t('app.signOut')}
                </button>
              </>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav aria-label={t('app.mainNavigation')}>
            <ul className="nav-list">
              {NAVIGATION[user.role].map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.label)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} ref={main} aria-busy={fetching > 0 || undefined}>
        {children}
      </main>
    </>
  );
}

/** Renders the page only for the given role; anyone else is sent to the start page or told no. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return <Navigate to={paths.start} replace />;
  if (user.role !== role)
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('app.forbidden')}</p>
        <Link to={homeOf(user.role)}>{t('app.backToStart')}</Link>
      </div>
    );
  return <>{children}</>;
}

/** Sets the document title from the page's heading, so each page is announced by name. */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} – ${t('app.name')}`;
  }, [children, t]);
  return <h1>{children}</h1>;
}
