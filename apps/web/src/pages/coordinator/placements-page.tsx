import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useEmployers } from '../../api/reference';
import { FOLLOW_UP_STATUSES, type FollowUpStatus, type Placement, PLACEMENT_OUTCOMES, type PlacementOutcome } from '../../api/types';
import { ErrorNotice, QueryState, Success } from '../../components/feedback';
import { applyServerErrors, ErrorSummary, Field } from '../../components/form';
import { PageTitle } from '../../components/shell';
import { DataTable, Pager } from '../../components/table';
import { paths } from '../../routes';
import {
  type DueFollowUp,
  nextFollowUpText,
  placementStatusText,
  PLACEMENTS_PAGE_SIZE,
  useDueFollowUps,
  useEndPlacement,
  usePlacements,
  useRecordFollowUp,
} from '../placements-api';
import { today } from '../need-form';
import { useCandidateNames } from './candidates-api';

const WINDOWS = [14, 30, 90] as const;

/**
 * The coordinator's placements: the follow-ups falling due (overdue first) to record where she is at each
 * checkpoint, and every placement of her area a page at a time, each ended here with its outcome. Candidates by
 * name, from candidate-service (matching holds pseudonyms only).
 */
export function CoordinatorPlacementsPage() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string>();
  return (
    <>
      <PageTitle>{t('coordinatorPlacements.title')}</PageTitle>
      <p>{t('coordinatorPlacements.intro')}</p>
      {notice ? <Success>{notice}</Success> : null}
      <DueSection onRecorded={setNotice} />
      <PlacementsSection onEnded={setNotice} />
    </>
  );
}

function useEmployerName() {
  const employers = useEmployers();
  return (id: string) => employers.data?.items.find((e) => e.id === id)?.name ?? id.slice(0, 8);
}

/** Her name where candidate-service gives it (her area's), else the pseudonym's first characters. */
function CandidateLink({ candidateId, names }: { candidateId: string; names?: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Link to={paths.coordinatorCandidate(candidateId)}>
      {names?.get(candidateId) ?? t('needs.candidate', { id: candidateId.slice(0, 8) })}
    </Link>
  );
}

function DueSection({ onRecorded }: { onRecorded: (notice: string) => void }) {
  const { t } = useTranslation();
  const [within, setWithin] = useState<number>(14);
  const due = useDueFollowUps(within);
  const names = useCandidateNames((due.data?.items ?? []).map((i) => i.candidateId));
  return (
    <section aria-labelledby="due-heading">
      <h2 id="due-heading">{t('coordinatorPlacements.dueTitle')}</h2>
      <div className="field field-inline">
        <label htmlFor="within">{t('coordinatorPlacements.within')}</label>
        <select id="within" value={within} onChange={(e) => setWithin(Number(e.target.value))}>
          {WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t('coordinatorPlacements.days', { count: d })}
            </option>
          ))}
        </select>
      </div>
      <QueryState query={due}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('coordinatorPlacements.noneDue', { until: data.until })}</p>
          ) : (
            <ol className="cards" aria-labelledby="due-heading">
              {data.items.map((item) => (
                <DueItem
                  key={`${item.placementId}-${item.checkpointDays}`}
                  item={item}
                  today={data.today}
                  names={names.data}
                  onRecorded={onRecorded}
                />
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}

function DueItem({
  item,
  today,
  names,
  onRecorded,
}: {
  item: DueFollowUp;
  today: string;
  names?: Map<string, string>;
  onRecorded: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const employerName = useEmployerName();
  const record = useRecordFollowUp(item.placementId);
  const id = `${item.placementId}-${item.checkpointDays}`;
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<{ status: FollowUpStatus | '' }>({ defaultValues: { status: '' } });
  const labels = { status: t('coordinatorPlacements.status') };
  const submit = handleSubmit((values) =>
    record.mutate(
      { checkpointDays: item.checkpointDays, status: values.status as FollowUpStatus },
      { onSuccess: () => onRecorded(t('coordinatorPlacements.recorded', { days: item.checkpointDays })) },
    ),
  );
  return (
    <li className="card" aria-labelledby={`due-${id}`} data-placement={item.placementId}>
      <h3 id={`due-${id}`}>
        <CandidateLink candidateId={item.candidateId} names={names} />
        {' – '}
        {t('coordinatorPlacements.checkpoint', { days: item.checkpointDays })}
      </h3>
      <p>
        {item.overdue ? <span className="badge badge-rejected">{t('coordinatorPlacements.overdue')}</span> : null}{' '}
        {t('coordinatorPlacements.dueOn', { date: item.dueOn, employer: employerName(item.employerId), start: item.startDate })}
      </p>
      {item.dueOn > today ? (
        <p className="meta">{t('coordinatorPlacements.notYet', { date: item.dueOn })}</p>
      ) : (
        <form onSubmit={submit} noValidate className="form form-inline" aria-labelledby={`due-${id}`}>
          <ErrorSummary errors={errors} labels={labels} />
          {record.isError ? <ErrorNotice error={record.error} /> : null}
          <Field id={`status-${id}`} label={labels.status} error={errors.status?.message}>
            {(aria) => (
              <select {...aria} {...register('status', { required: t('coordinatorPlacements.statusRequired') })}>
                <option value="">{t('coordinatorPlacements.chooseStatus')}</option>
                {FOLLOW_UP_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`followUpStatus.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={record.isPending} aria-busy={record.isPending}>
            {record.isPending ? t('coordinatorPlacements.recording') : t('coordinatorPlacements.record')}
          </button>
        </form>
      )}
    </li>
  );
}

function PlacementsSection({ onEnded }: { onEnded: (notice: string) => void }) {
  const { t } = useTranslation();
  const employerName = useEmployerName();
  const [offset, setOffset] = useState(0);
  const placements = usePlacements(offset);
  const names = useCandidateNames((placements.data?.items ?? []).map((p) => p.candidateId));
  return (
    <section aria-labelledby="placements-heading">
      <h2 id="placements-heading">{t('coordinatorPlacements.allTitle')}</h2>
      <QueryState query={placements}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('placements.empty')}</p>
          ) : (
            <>
              <DataTable<Placement>
                caption={t('coordinatorPlacements.allTitle')}
                rows={page.items}
                rowKey={(p) => p.placementId}
                rowAttributes={(p) => ({ 'data-placement': p.placementId })}
                columns={[
                  {
                    header: t('placements.candidate'),
                    cell: (p) => <CandidateLink candidateId={p.candidateId} names={names.data} />,
                  },
                  { header: t('coordinatorPlacements.employer'), cell: (p) => employerName(p.employerId) },
                  { header: t('needs.placementType'), cell: (p) => t(`placementType.${p.placementType}`) },
                  { header: t('placements.startDate'), cell: (p) => p.startDate },
                  { header: t('common.status'), cell: (p) => placementStatusText(t, p) },
                  {
                    header: t('coordinatorPlacements.followUps'),
                    cell: (p) =>
                      p.followUps.map((f) => `${f.checkpointDays}: ${t(`followUpStatus.${f.status}`)}`).join(', ') || t('common.none'),
                  },
                  { header: t('placements.nextFollowUp'), cell: (p) => nextFollowUpText(t, p) },
                  {
                    header: t('endPlacement.column'),
                    cell: (p) => (p.status === 'started' ? <EndPlacementForm placement={p} onEnded={onEnded} /> : '–'),
                  },
                ]}
              />
              <Pager total={page.total} offset={offset} size={PLACEMENTS_PAGE_SIZE} onChange={setOffset} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

interface EndValues {
  endDate: string;
  outcome: PlacementOutcome | '';
}

/**
 * Ends a placement under way: her last day (today unless said otherwise) and how it ended. A last day before the
 * start is the server's 422, said next to the date; one ended meanwhile (another tab, the employer) says so above.
 */
function EndPlacementForm({ placement, onEnded }: { placement: Placement; onEnded: (notice: string) => void }) {
  const { t } = useTranslation();
  const end = useEndPlacement(placement.placementId);
  const id = placement.placementId;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<EndValues>({ defaultValues: { endDate: today(), outcome: '' } });
  const labels = { endDate: t('endPlacement.endDate'), outcome: t('endPlacement.outcome') };
  const submit = handleSubmit((values) =>
    end.mutate(
      { endDate: values.endDate, outcome: values.outcome as PlacementOutcome },
      {
        onSuccess: () => onEnded(t('endPlacement.ended', { date: values.endDate })),
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'PLACEMENT_DATE_INVALID') {
            setError('endDate', { type: 'server', message: t('endPlacement.beforeStart', { date: placement.startDate }) });
            return;
          }
          applyServerErrors(e, setError, ['endDate', 'outcome'], t('errors.fieldRejected'));
        },
      },
    ),
  );
  return (
    <details className="end-placement">
      <summary>{t('endPlacement.open')}</summary>
      <form onSubmit={submit} noValidate className="form" aria-label={t('endPlacement.title', { start: placement.startDate })}>
        <ErrorSummary errors={errors} labels={labels} />
        {end.isError && Object.keys(errors).length === 0 ? (
          <ErrorNotice
            error={end.error}
            message={end.error instanceof ApiError && end.error.status === 409 ? t('endPlacement.alreadyEnded') : undefined}
          />
        ) : null}
        <Field
          id={`endDate-${id}`}
          label={labels.endDate}
          hint={t('endPlacement.endDateHint', { date: placement.startDate })}
          error={errors.endDate?.message}
        >
          {(aria) => (
            <input
              type="date"
              {...aria}
              {...register('endDate', { required: t('common.requiredField', { field: labels.endDate.toLowerCase() }) })}
            />
          )}
        </Field>
        <Field id={`outcome-${id}`} label={labels.outcome} error={errors.outcome?.message}>
          {(aria) => (
            <select {...aria} {...register('outcome', { required: t('endPlacement.outcomeRequired') })}>
              <option value="">{t('endPlacement.chooseOutcome')}</option>
              {PLACEMENT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`placementOutcome.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button-danger" disabled={end.isPending} aria-busy={end.isPending}>
          {end.isPending ? t('endPlacement.ending') : t('endPlacement.submit')}
        </button>
      </form>
    </details>
  );
}
