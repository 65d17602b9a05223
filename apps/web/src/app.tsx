import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { Progress } from './components/feedback';
import { PageTitle, RequireRole, Shell } from './components/shell';
import { CandidatePage } from './pages/coordinator/candidate-page';
import { CandidatesPage } from './pages/coordinator/candidates-page';
import { NewCandidatePage } from './pages/coordinator/new-candidate-page';
import { CoordinatorPlacementsPage } from './pages/coordinator/placements-page';
import { QueuePage } from './pages/coordinator/queue-page';
import { InternPage } from './pages/supervisor/intern-page';
import { InternsPage } from './pages/supervisor/interns-page';
import { NeedPage } from './pages/employer/need-page';
import { NeedsPage } from './pages/employer/needs-page';
import { NewNeedPage } from './pages/employer/new-need-page';
import { EmployerPlacementsPage } from './pages/employer/placements-page';
import { EmployerProposalsPage } from './pages/employer/proposals-page';
import { RoleDesignerPage } from './pages/hr/role-designer-page';
import { RolesPage } from './pages/hr/roles-page';
import { HrWhyStartPage } from './pages/hr/why-start-page';
import { SignInCallback, StartPage } from './pages/start-page';
import { WhyPage } from './pages/why-page';
import { paths } from './routes';
import { Role, SessionProvider } from './session/session';

// The analyst's charts carry Chart.js: loaded only when an analyst opens them.
const OverviewPage = lazy(() => import('./pages/analyst/overview-page').then((m) => ({ default: m.OverviewPage })));
const EqualDistributionPage = lazy(() =>
  import('./pages/analyst/equal-distribution-page').then((m) => ({ default: m.EqualDistributionPage })),
);
const WhereToTrainPage = lazy(() => import('./pages/analyst/where-to-train-page').then((m) => ({ default: m.WhereToTrainPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not get better by asking again; a network blip may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

const as = (role: Role, page: ReactNode) => <RequireRole role={role}>{page}</RequireRole>;

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('app.notFound')}</PageTitle>
      <Link to={paths.start}>{t('app.backToStart')}</Link>
    </>
  );
}

function AppRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path={paths.start} element={<StartPage />} />
      <Route path={paths.signInCallback} element={<SignInCallback />} />
      <Route
        path={paths.employerNeeds}
        element={as('employer', <NeedsPage title={t('needs.title')} newPath={paths.employerNewNeed} needPath={paths.employerNeed} />)}
      />
      <Route path={paths.employerNewNeed} element={as('employer', <NewNeedPage needPath={paths.employerNeed} />)} />
      <Route path={paths.employerNeed(':id')} element={as('employer', <NeedPage />)} />
      <Route path={paths.employerWhy(':needId', ':candidateId')} element={as('employer', <WhyPage />)} />
      <Route path={paths.employerProposals} element={as('employer', <EmployerProposalsPage />)} />
      <Route path={paths.employerPlacements} element={as('employer', <EmployerPlacementsPage />)} />
      <Route path={paths.hrRoles} element={as('municipal-hr', <RolesPage />)} />
      <Route path={paths.hrNewRole} element={as('municipal-hr', <RoleDesignerPage />)} />
      <Route path={paths.hrRole(':id')} element={as('municipal-hr', <RoleDesignerPage />)} />
      <Route
        path={paths.hrNeeds}
        element={as('municipal-hr', <NeedsPage title={t('needs.hrTitle')} newPath={paths.hrNewNeed} needPath={paths.hrNeed} />)}
      />
      <Route path={paths.hrNewNeed} element={as('municipal-hr', <NewNeedPage needPath={paths.hrNeed} />)} />
      <Route path={paths.hrNeed(':id')} element={as('municipal-hr', <NeedPage />)} />
      <Route path={paths.hrProposals} element={as('municipal-hr', <EmployerProposalsPage />)} />
      <Route path={paths.hrPlacements} element={as('municipal-hr', <EmployerPlacementsPage />)} />
      <Route path={paths.hrWhy(':needId', ':candidateId')} element={as('municipal-hr', <WhyPage />)} />
      <Route path={paths.hrWhyStart} element={as('municipal-hr', <HrWhyStartPage />)} />
      <Route path={paths.supervisorInterns} element={as('supervisor', <InternsPage />)} />
      <Route path={paths.supervisorIntern(':id')} element={as('supervisor', <InternPage />)} />
      <Route path={paths.coordinatorQueue} element={as('coordinator', <QueuePage />)} />
      <Route path={paths.coordinatorCandidates} element={as('coordinator', <CandidatesPage />)} />
      <Route path={paths.coordinatorNewCandidate} element={as('coordinator', <NewCandidatePage />)} />
      <Route path={paths.coordinatorCandidate(':id')} element={as('coordinator', <CandidatePage />)} />
      <Route path={paths.coordinatorPlacements} element={as('coordinator', <CoordinatorPlacementsPage />)} />
      <Route path={paths.coordinatorWhy(':candidateId', ':needId')} element={as('coordinator', <WhyPage />)} />
      <Route path={paths.analystOverview} element={as('analyst', <OverviewPage />)} />
      <Route path={paths.analystEqualDistribution} element={as('analyst', <EqualDistributionPage />)} />
      <Route path={paths.analystWhereToTrain} element={as('analyst', <WhereToTrainPage />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Shell>
            <Suspense fallback={<Progress />}>
              <AppRoutes />
            </Suspense>
          </Shell>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
