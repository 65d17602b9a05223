import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useNames } from '../../api/reference';
import type { Need, PlacementType } from '../../api/types';
import { ExplanationView, formatScore } from '../../components/explanation';
import { ErrorNotice, QueryState, Success } from '../../components/feedback';
import { applyServerErrors, ErrorSummary, Field } from '../../components/form';
import { PageTitle } from '../../components/shell';
import { today } from '../need-form';
import { useNeed, useNeedProposals, useNeedTransition, useUpdateNeed } from '../needs-api';
import { useWhyPath, WhyForCandidate } from '../why-for-candidate';

const CLOSE_REASONS = ['withdrawn', 'filled-otherwise', 'funding-ended', 'other'] as const;

/** One need: what it asks for, changing or closing it, and the candidates proposed for it with their explanation. */
export function NeedPage() {
  const { id = '' } = useParams();
  const need = useNeed(id);
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const { t } = useTranslation();
  return (
    <QueryState query={need}>
      {(data) => (
        <>
          <PageTitle>{t('needs.detailTitle', { role: data.roleName })}</PageTitle>
          {notice ? <Success>{t(notice)}</Success> : null}
          <NeedSummary need={data} />
          <Proposals needId={data.id} />
          <WhyForCandidate needId={data.id} />
          {data.status === 'open' || data.status === 'draft' ? <EditNeed need={data} /> : null}
        </>
      )}
    </QueryState>
  );
}

function NeedSummary({ need }: { need: Need }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <section className="card" aria-labelledby="summary">
      <h2 id="summary" className="visually-hidden">
        {need.roleName}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('common.status')}</dt>
          <dd>
            <span className={`badge badge-${need.status}`}>{t(`needStatus.${need.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('needs.positions')}</dt>
          <dd>{t('needs.positionsOpen', { open: need.positionsOpen, total: need.positions })}</dd>
        </div>
        <div>
          <dt>{t('needs.workplace')}</dt>
          <dd>{names.municipality(need.workplaceMunicipality)}</dd>
        </div>
        <div>
          <dt>{t('needs.startDate')}</dt>
          <dd>{need.startDate}</dd>
        </div>
        <div>
          <dt>{t('needs.placementType')}</dt>
          <dd>{t(`placementType.${need.placementType}`)}</dd>
        </div>
        <div>
          <dt>{t('needs.supervisorCapacity')}</dt>
          <dd>{need.support.supervisorCapacity}</dd>
        </div>
      </dl>
      <details>
        <summary>
          {t('needs.tasks')} ({need.tasks.length})
        </summary>
        <ul className="task-list">
          {need.tasks.map((task) => (
            <li key={task.taskId} className={`task-row ${task.weight}`}>
              <span className="task-name">{names.task(task.taskId)}</span>
              <span className="task-weight">{t(`weight.${task.weight}`)}</span>
              <span className="task-level">{t(`level.${task.requiredLevel}`)}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function Proposals({ needId }: { needId: string }) {
  const { t, i18n } = useTranslation();
  const proposals = useNeedProposals(needId);
  const whyPath = useWhyPath();
  return (
    <section aria-labelledby="proposals">
      <h2 id="proposals">{t('needs.proposalsTitle')}</h2>
      <QueryState query={proposals}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('needs.proposalsEmpty')}</p>
          ) : (
            <ul className="cards">
              {page.items.map((p) => (
                <li key={p.proposalId} className="card">
                  <h3>
                    {t('needs.candidate', { id: p.candidateId.slice(0, 8) })}{' '}
                    <span className={`badge badge-${p.status}`}>{t(`proposalStatus.${p.status}`)}</span>
                  </h3>
                  <p className="score">
                    {t('common.score')}: <strong>{formatScore(p.score, i18n.language)}</strong>
                  </p>
                  <ExplanationView explanation={p.explanation} headingLevel={4} tasksOpen />
                  <p>
                    <Link to={whyPath(needId, p.candidateId)}>{t('why.open')}</Link>
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

interface EditValues {
  positions: number;
  startDate: string;
  placementType: PlacementType;
}

function EditNeed({ need }: { need: Need }) {
  const { t } = useTranslation();
  const update = useUpdateNeed(need.id);
  const transition = useNeedTransition(need.id);
  const [reason, setReason] = useState<(typeof CLOSE_REASONS)[number]>('withdrawn');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<EditValues>({ values: { positions: need.positions, startDate: need.startDate, placementType: need.placementType } });
  const labels = { positions: t('needs.positions'), startDate: t('needs.startDate'), placementType: t('needs.placementType') };
  const submit = handleSubmit((values) =>
    update.mutate(
      { positions: Number(values.positions), startDate: values.startDate, placementType: values.placementType },
      { onError: (e) => applyServerErrors(e, setError, ['positions', 'startDate', 'placementType'], t('errors.fieldRejected')) },
    ),
  );
  return (
    <>
      <section className="card" aria-labelledby="edit">
        <h2 id="edit">{t('needs.editTitle')}</h2>
        <form onSubmit={submit} noValidate className="form">
          <ErrorSummary errors={errors} labels={labels} />
          {update.isError && !Object.keys(errors).length ? <ErrorNotice error={update.error} /> : null}
          {update.isSuccess ? <Success>{t('common.saved')}</Success> : null}
          <div className="field-row">
            <Field id="edit-positions" label={labels.positions} error={errors.positions?.message}>
              {(aria) => (
                <input
                  type="number"
                  min={Math.max(1, need.positionsFilled)}
                  {...aria}
                  {...register('positions', {
                    required: t('common.requiredField', { field: labels.positions.toLowerCase() }),
                    min: {
                      value: Math.max(1, need.positionsFilled),
                      message: t('errors.min', { field: labels.positions, min: Math.max(1, need.positionsFilled) }),
                    },
                  })}
                />
              )}
            </Field>
            <Field id="edit-startDate" label={labels.startDate} error={errors.startDate?.message}>
              {(aria) => (
                <input
                  type="date"
                  min={today()}
                  {...aria}
                  {...register('startDate', { required: t('common.requiredField', { field: labels.startDate.toLowerCase() }) })}
                />
              )}
            </Field>
            <Field id="edit-placementType" label={labels.placementType}>
              {(aria) => (
                <select {...aria} {...register('placementType')}>
                  {(['internship', 'work-training', 'employment'] as const).map((type) => (
                    <option key={type} value={type}>
                      {t(`placementType.${type}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <button type="submit" disabled={update.isPending} aria-busy={update.isPending}>
            {update.isPending ? t('common.saving') : t('common.save')}
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="close">
        <h2 id="close">{need.status === 'draft' ? t('needs.openAction') : t('needs.closeTitle')}</h2>
        {transition.isError ? <ErrorNotice error={transition.error} /> : null}
        {need.status === 'draft' ? (
          <button type="button" onClick={() => transition.mutate({ kind: 'open' })} disabled={transition.isPending}>
            {t('needs.openAction')}
          </button>
        ) : (
          <div className="field-row align-end">
            <div className="field">
              <label htmlFor="close-reason">{t('needs.closeReasonLabel')}</label>
              <select id="close-reason" value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
                {CLOSE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`closeReason.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button-danger"
              onClick={() => transition.mutate({ kind: 'close', reason })}
              disabled={transition.isPending}
              aria-busy={transition.isPending}
            >
              {transition.isPending ? t('needs.closing') : t('needs.closeAction')}
            </button>
          </div>
        )}
      </section>
    </>
  );
}
