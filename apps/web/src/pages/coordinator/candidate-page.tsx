import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useEmployers, useNames } from '../../api/reference';
import type { Candidate } from '../../api/types';
import { ExplanationView, formatScore, LevelDots } from '../../components/explanation';
import { ErrorNotice, Progress, QueryState, Success } from '../../components/feedback';
import { applyServerErrors, ErrorSummary, Field } from '../../components/form';
import { useSearchPaging } from '../../components/search';
import { PageTitle } from '../../components/shell';
import { Pager } from '../../components/table';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { AssessmentList } from '../internship-view';
import { useInternship, useInternships } from '../internships-api';
import { OPEN_NEEDS_PAGE_SIZE, useOpenNeeds, useRolesFor } from '../needs-api';
import {
  ProfileInput,
  useCandidate,
  useCandidateProposals,
  useConsent,
  useErase,
  useJobTrack,
  useStartInternship,
  useUpdateProfile,
} from './candidates-api';
import { ProfileForm } from './profile-form';

/** One candidate, for her coordinator: profile, consent, internships and certification, job track, proposals, erasure. */
export function CandidatePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const candidate = useCandidate(id);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return (
    <QueryState query={candidate}>
      {(c) => (
        <>
          <PageTitle>{c.contact.name}</PageTitle>
          <p className="meta">{t('candidates.pseudonym', { id: c.candidateId })}</p>
          {notice ? <Success>{t(notice)}</Success> : null}
          <Profile candidate={c} />
          <Internships candidate={c} />
          <JobTrackView candidate={c} />
          <CandidateProposals candidateId={c.candidateId} />
          <WhyForNeed candidateId={c.candidateId} />
          <Erasure candidate={c} />
        </>
      )}
    </QueryState>
  );
}

function Profile({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation();
  const names = useNames();
  const update = useUpdateProfile(candidate.candidateId);
  const consent = useConsent(candidate.candidateId);
  const given = (purpose: string) => candidate.consents.find((c) => c.purpose === purpose)?.given ?? false;
  return (
    <section className="card" aria-labelledby="profile">
      <h2 id="profile">{t('candidates.profile')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('candidates.home')}</dt>
          <dd>{names.municipality(candidate.homeMunicipality)}</dd>
        </div>
        <div>
          <dt>{t('candidates.available')}</dt>
          <dd>{candidate.availableFrom}</dd>
        </div>
        <div>
          <dt>{t('candidates.commute')}</dt>
          <dd>{candidate.maxCommuteMinutes}</dd>
        </div>
        <div>
          <dt>{t('candidates.email')}</dt>
          <dd>{candidate.contact.email ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('candidates.phone')}</dt>
          <dd>{candidate.contact.phone ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('candidates.supportNeeds')}</dt>
          <dd>
            {[
              candidate.supportNeeds.closeSupervision ? t('candidates.closeSupervision') : '',
              candidate.supportNeeds.languageSupport ? t('candidates.languageSupport') : '',
            ]
              .filter(Boolean)
              .join(', ') || t('common.none')}
          </dd>
        </div>
      </dl>
      <h3>{t('candidates.consents')}</h3>
      {consent.isError ? <ErrorNotice error={consent.error} /> : null}
      {(['matching', 'follow-up-statistics'] as const).map((purpose) => (
        <div className="check" key={purpose}>
          <input
            type="checkbox"
            id={`consent-${purpose}`}
            checked={given(purpose)}
            disabled={consent.isPending}
            onChange={(e) => consent.mutate({ purpose, given: e.target.checked })}
          />
          <label htmlFor={`consent-${purpose}`}>{t(`candidates.consentPurpose.${purpose}`)}</label>
        </div>
      ))}
      <details>
        <summary>{t('candidates.editProfile')}</summary>
        {update.isSuccess ? <Success>{t('common.saved')}</Success> : null}
        <ProfileForm
          registration={false}
          defaults={{
            homeMunicipality: candidate.homeMunicipality,
            availableFrom: candidate.availableFrom,
            maxCommuteMinutes: candidate.maxCommuteMinutes,
            interests: candidate.interests,
            closeSupervision: candidate.supportNeeds.closeSupervision,
            languageSupport: candidate.supportNeeds.languageSupport,
            languages: candidate.languages.join(', '),
          }}
          submitting={update.isPending}
          error={update.error}
          submitLabel={t('common.save')}
          onSubmit={(input, fail) => update.mutate(input as ProfileInput, { onError: fail })}
        />
      </details>
    </section>
  );
}

interface InternshipValues {
  workplaceId: string;
  supervisorRole: string;
  startDate: string;
  endDate: string;
}

function Internships({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation();
  const employers = useEmployers();
  const names = new Map((employers.data?.items ?? []).map((e) => [e.id, e.name]));
  const internships = useInternships({ candidateId: candidate.candidateId });
  const start = useStartInternship(candidate.candidateId);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<InternshipValues>({ defaultValues: { workplaceId: '', supervisorRole: '', startDate: '', endDate: '' } });
  const labels = {
    workplaceId: t('internships.workplace'),
    supervisorRole: t('internships.supervisorRole'),
    startDate: t('internships.startDate'),
    endDate: t('internships.endDate'),
  };
  const required = (f: keyof InternshipValues) => t('common.requiredField', { field: labels[f].toLowerCase() });
  const submit = handleSubmit((v, event) => {
    void event;
    start.mutate(v, {
      onSuccess: () => reset(),
      onError: (e) => applyServerErrors(e, setError, ['workplaceId', 'supervisorRole', 'startDate', 'endDate'], t('errors.fieldRejected')),
    });
  });
  return (
    <section aria-labelledby="internships">
      <h2 id="internships">{t('internships.title')}</h2>
      <QueryState query={internships}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('internships.none')}</p>
          ) : (
            <ul className="cards">
              {page.items.map((i) => (
                <li key={i.internshipId} className="card">
                  <h3>
                    {names.get(i.workplaceId) ?? i.workplaceId} · {i.startDate} – {i.endDate}
                  </h3>
                  <p className="meta">{t('interns.assessmentCount', { count: i.assessments, uncertified: i.uncertified })}</p>
                  <InternshipAssessments internshipId={i.internshipId} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <details className="card">
        <summary>{t('internships.start')}</summary>
        <form onSubmit={submit} noValidate className="form">
          <ErrorSummary errors={errors} labels={labels} />
          {start.isError && !Object.keys(errors).length ? <ErrorNotice error={start.error} /> : null}
          {start.isSuccess ? <Success>{t('internships.started')}</Success> : null}
          <Field id="workplaceId" label={labels.workplaceId} error={errors.workplaceId?.message}>
            {(aria) => (
              <select {...aria} {...register('workplaceId', { required: required('workplaceId') })}>
                <option value="">–</option>
                {(employers.data?.items ?? []).map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="supervisorRole"
            label={labels.supervisorRole}
            hint={t('internships.supervisorRoleHint')}
            error={errors.supervisorRole?.message}
          >
            {(aria) => (
              <input type="text" maxLength={80} {...aria} {...register('supervisorRole', { required: required('supervisorRole') })} />
            )}
          </Field>
          <div className="field-row">
            <Field id="internship-startDate" label={labels.startDate} error={errors.startDate?.message}>
              {(aria) => <input type="date" {...aria} {...register('startDate', { required: required('startDate') })} />}
            </Field>
            <Field id="internship-endDate" label={labels.endDate} error={errors.endDate?.message}>
              {(aria) => (
                <input
                  type="date"
                  {...aria}
                  {...register('endDate', {
                    required: required('endDate'),
                    validate: (v, all) =>
                      !all.startDate || v >= all.startDate || t('errors.notBefore', { field: labels.endDate, date: all.startDate }),
                  })}
                />
              )}
            </Field>
          </div>
          <button type="submit" disabled={start.isPending} aria-busy={start.isPending}>
            {start.isPending ? t('common.saving') : t('internships.start')}
          </button>
        </form>
      </details>
    </section>
  );
}

function InternshipAssessments({ internshipId }: { internshipId: string }) {
  const internship = useInternship(internshipId);
  if (internship.isPending) return <Progress />;
  if (internship.isError) return <ErrorNotice error={internship.error} onRetry={() => void internship.refetch()} />;
  return <AssessmentList internship={internship.data} canCertify />;
}

/**
 * The job track toward a role, drawn as steps: the tasks she has at the level the role asks (done), then the next
 * validations in the order the job track gives (those that open the most needs nearby first), each with the level
 * she has against the level asked.
 */
function JobTrackView({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation();
  const user = useUser();
  const roles = useRolesFor(user.organisationId);
  const [roleId, setRoleId] = useState('');
  const track = useJobTrack(candidate.candidateId, roleId);
  const names = useNames();
  const all = [...(roles.data?.own ?? []), ...(roles.data?.standard ?? [])];
  const role = all.find((r) => r.id === roleId);
  const done = (role?.tasks ?? []).filter((task) => (candidate.taskLevels[task.taskId] ?? 0) >= task.requiredLevel);
  const step = (key: string, taskId: string, weight: string, current: number, required: number, isDone: boolean, opens = 0) => (
    <li key={key} className={`step ${isDone ? 'step-done' : 'step-todo'}`}>
      <span className="step-marker" aria-hidden="true">
        {isDone ? '✓' : ''}
      </span>
      <span className="step-body">
        <span className="task-name">{names.task(taskId)}</span>
        <span className="meta">
          {t(`weight.${weight}`)} · {isDone ? t('jobTrack.reached', { level: current }) : t('jobTrack.toReach', { current, required })}
          {!isDone && opens > 0 ? ` · ${t('jobTrack.opens', { count: opens })}` : ''}
        </span>
      </span>
      <LevelDots reached={current} required={required} />
    </li>
  );
  return (
    <section aria-labelledby="job-track">
      <h2 id="job-track">{t('jobTrack.title')}</h2>
      <div className="field field-inline">
        <label htmlFor="job-track-role">{t('jobTrack.towards')}</label>
        <select id="job-track-role" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
          <option value="">{t('needs.chooseRole')}</option>
          {all.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {!roleId ? null : track.isPending ? (
        <Progress />
      ) : track.isError ? (
        <ErrorNotice error={track.error} onRetry={() => void track.refetch()} />
      ) : (
        <>
          <p>
            {t('jobTrack.summary', { done: done.length, total: done.length + track.data.steps.length, open: track.data.openNeedsNearby })}
          </p>
          <ol className="job-track">
            {done.map((task) =>
              step(`done-${task.taskId}`, task.taskId, task.weight, candidate.taskLevels[task.taskId], task.requiredLevel, true),
            )}
            {track.data.steps.map((s) =>
              step(`next-${s.taskId}`, s.taskId, s.weight, s.currentLevel, s.requiredLevel, false, s.opensNeeds),
            )}
          </ol>
        </>
      )}
    </section>
  );
}

function CandidateProposals({ candidateId }: { candidateId: string }) {
  const { t, i18n } = useTranslation();
  const proposals = useCandidateProposals(candidateId);
  return (
    <section aria-labelledby="candidate-proposals">
      <h2 id="candidate-proposals">{t('candidates.proposals')}</h2>
      <QueryState query={proposals}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('candidates.noProposals')}</p>
          ) : (
            <ul className="cards">
              {page.items.map((p) => (
                <li key={p.proposalId} className="card">
                  <h3>
                    {t('common.score')} {formatScore(p.score, i18n.language)}{' '}
                    <span className={`badge badge-${p.status}`}>{t(`proposalStatus.${p.status}`)}</span>
                  </h3>
                  <ExplanationView explanation={p.explanation} headingLevel={4} />
                  <p>
                    <Link to={paths.coordinatorWhy(candidateId, p.needId)}>{t('why.open')}</Link>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

/**
 * Why or why not for any open need, not only those she is proposed for: searched by role or employer and paged,
 * twenty at a time, so every open need can be reached however many there are; the answer is a page.
 */
function WhyForNeed({ candidateId }: { candidateId: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const { text, setText, q, offset, setOffset } = useSearchPaging();
  const needs = useOpenNeeds(q, offset);
  const [needId, setNeedId] = useState('');
  return (
    <section className="card" aria-labelledby="why-for-need">
      <h2 id="why-for-need">{t('why.forNeedTitle')}</h2>
      <p>{t('why.forNeedIntro')}</p>
      <div className="field">
        <label htmlFor="why-need-search">{t('why.forNeedSearch')}</label>
        <p className="hint" id="why-need-search-hint">
          {t('why.forNeedSearchHint')}
        </p>
        <input
          id="why-need-search"
          type="search"
          aria-describedby="why-need-search-hint"
          maxLength={100}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <QueryState query={needs}>
        {(page) => {
          const chosen = page.items.some((n) => n.id === needId) ? needId : (page.items[0]?.id ?? '');
          return (
            <>
              <p role="status" aria-live="polite">
                {q ? t('why.forNeedFound', { count: page.total, text: q }) : t('why.forNeedAll', { count: page.total })}
              </p>
              <form
                className="form field-inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (chosen) void navigate(paths.coordinatorWhy(candidateId, chosen));
                }}
              >
                <div className="field">
                  <label htmlFor="why-need">{t('why.forNeedLabel')}</label>
                  <select id="why-need" value={chosen} onChange={(e) => setNeedId(e.target.value)} disabled={page.items.length === 0}>
                    {page.items.map((n) => (
                      <option key={n.id} value={n.id}>
                        {t('why.needMeta', { role: n.roleName, municipality: names.municipality(n.workplaceMunicipality) })}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" disabled={page.items.length === 0}>
                  {t('why.forNeedShow')}
                </button>
              </form>
              <Pager total={page.total} offset={offset} size={OPEN_NEEDS_PAGE_SIZE} onChange={setOffset} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** Erasure: irreversible, so it asks for a deliberate confirmation first. */
function Erasure({ candidate }: { candidate: Candidate }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const erase = useErase(candidate.candidateId);
  const [confirming, setConfirming] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  return (
    <section className="card danger-zone" aria-labelledby="erasure">
      <h2 id="erasure">{t('erasure.title')}</h2>
      <p>{t('erasure.explain')}</p>
      {erase.isError ? <ErrorNotice error={erase.error} /> : null}
      {!confirming ? (
        <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
          {t('erasure.start')}
        </button>
      ) : (
        <div role="group" aria-labelledby="erasure-confirm-label">
          <p id="erasure-confirm-label">
            <strong>{t('erasure.confirmQuestion', { name: candidate.contact.name })}</strong>
          </p>
          <div className="check">
            <input type="checkbox" id="erasure-confirm" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            <label htmlFor="erasure-confirm">{t('erasure.confirmCheck')}</label>
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button-danger"
              disabled={!confirmed || erase.isPending}
              aria-busy={erase.isPending}
              onClick={() =>
                erase.mutate(undefined, { onSuccess: () => navigate(paths.coordinatorCandidates, { state: { notice: 'erasure.done' } }) })
              }
            >
              {erase.isPending ? t('erasure.erasing') : t('erasure.confirm')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
