import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNames, useTasks } from '../api/reference';
import type { Internship } from '../api/types';
import { ErrorNotice, Success } from '../components/feedback';
import { applyServerErrors, ErrorSummary, Field } from '../components/form';
import { localName } from '../i18n';
import { today } from './need-form';
import { useCertify, useRecordAssessment } from './internships-api';

/** The assessments of one internship; the coordinator certifies each, the supervisor sees which are certified. */
export function AssessmentList({ internship, canCertify }: { internship: Internship; canCertify: boolean }) {
  const { t } = useTranslation();
  const names = useNames();
  const certify = useCertify(internship.internshipId);
  if (internship.assessments.length === 0) return <p>{t('assessments.none')}</p>;
  return (
    <>
      {certify.isError ? <ErrorNotice error={certify.error} /> : null}
      {certify.isSuccess ? <Success>{t('assessments.certified')}</Success> : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('assessments.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assessments.task')}</th>
              <th scope="col">{t('level.label')}</th>
              <th scope="col">{t('common.date')}</th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {internship.assessments.map((a) => (
              <tr key={a.assessmentId}>
                <th scope="row">{names.task(a.taskId)}</th>
                <td>{t(`level.${a.level}`)}</td>
                <td>{a.assessedOn}</td>
                <td>
                  {a.validationId ? (
                    <span className="badge badge-accepted">{t('assessments.isCertified')}</span>
                  ) : canCertify ? (
                    <button
                      type="button"
                      onClick={() => certify.mutate(a.assessmentId)}
                      disabled={certify.isPending}
                      aria-label={`${t('assessments.certify')}: ${names.task(a.taskId)}`}
                    >
                      {certify.isPending && certify.variables === a.assessmentId ? t('assessments.certifying') : t('assessments.certify')}
                    </button>
                  ) : (
                    <span className="badge badge-draft">{t('assessments.awaiting')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface Values {
  taskId: string;
  level: string;
  assessedOn: string;
  comment: string;
}

/** The supervisor's assessment of one task, with the three level descriptions of that task at hand. */
export function AssessmentForm({ internship }: { internship: Internship }) {
  const { t, i18n } = useTranslation();
  const tasks = useTasks();
  const record = useRecordAssessment(internship.internshipId);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    control,
    reset,
    formState: { errors },
  } = useForm<Values>({
    defaultValues: { taskId: '', level: '', assessedOn: today() < internship.endDate ? today() : internship.endDate, comment: '' },
  });
  const taskId = useWatch({ control, name: 'taskId' });
  const task = useMemo(() => tasks.data?.find((x) => x.id === taskId), [tasks.data, taskId]);
  const sorted = useMemo(
    () => [...(tasks.data ?? [])].sort((a, b) => localName(a, i18n.language).localeCompare(localName(b, i18n.language))),
    [tasks.data, i18n.language],
  );
  const labels = {
    taskId: t('assessments.task'),
    level: t('level.label'),
    assessedOn: t('assessments.assessedOn'),
    comment: t('assessments.comment'),
  };
  const latest = today() < internship.endDate ? today() : internship.endDate;
  const submit = handleSubmit((values) => {
    setSaved(false);
    record.mutate(
      {
        taskId: values.taskId,
        level: Number(values.level),
        assessedOn: values.assessedOn,
        ...(values.comment.trim() ? { comment: values.comment.trim() } : {}),
      },
      {
        onSuccess: () => {
          setSaved(true);
          reset({ taskId: '', level: '', assessedOn: values.assessedOn, comment: '' });
        },
        onError: (e) => applyServerErrors(e, setError, ['taskId', 'level', 'assessedOn', 'comment'], t('errors.fieldRejected')),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary errors={errors} labels={labels} />
      {record.isError && !Object.keys(errors).length ? <ErrorNotice error={record.error} /> : null}
      {saved ? <Success>{t('assessments.recorded')}</Success> : null}
      <Field id="taskId" label={labels.taskId} error={errors.taskId?.message}>
        {(aria) => (
          <select {...aria} {...register('taskId', { required: t('common.requiredField', { field: labels.taskId.toLowerCase() }) })}>
            <option value="">{t('assessments.chooseTask')}</option>
            {sorted.map((x) => (
              <option key={x.id} value={x.id}>
                {localName(x, i18n.language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className={`field${errors.level ? ' field-invalid' : ''}`} aria-describedby={errors.level ? 'level-error' : undefined}>
        <legend>{labels.level}</legend>
        {errors.level ? (
          <p className="field-error" id="level-error">
            {errors.level.message}
          </p>
        ) : null}
        {i18n.language !== 'sv' && task ? <p className="hint">{t('level.descriptionsInSwedish')}</p> : null}
        {(['1', '2', '3'] as const).map((level) => (
          <div className="check check-top" key={level}>
            <input
              type="radio"
              id={`level-${level}`}
              value={level}
              {...register('level', { required: t('common.requiredField', { field: labels.level.toLowerCase() }) })}
            />
            <label htmlFor={`level-${level}`}>
              <strong>{t(`level.${level}`)}</strong>
              {task ? (
                <span className="level-description" lang="sv">
                  {task.levels[level]}
                </span>
              ) : null}
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        id="assessedOn"
        label={labels.assessedOn}
        hint={t('assessments.assessedOnHint', { start: internship.startDate, end: latest })}
        error={errors.assessedOn?.message}
      >
        {(aria) => (
          <input
            type="date"
            min={internship.startDate}
            max={latest}
            {...aria}
            {...register('assessedOn', {
              required: t('common.requiredField', { field: labels.assessedOn.toLowerCase() }),
              validate: (v) =>
                v < internship.startDate
                  ? t('errors.notBefore', { field: labels.assessedOn, date: internship.startDate })
                  : v > latest
                    ? t('errors.notAfter', { field: labels.assessedOn, date: latest })
                    : true,
            })}
          />
        )}
      </Field>
      <Field id="comment" label={labels.comment} optional error={errors.comment?.message}>
        {(aria) => <textarea maxLength={1000} {...aria} {...register('comment')} />}
      </Field>
      <button type="submit" disabled={record.isPending} aria-busy={record.isPending}>
        {record.isPending ? t('common.saving') : t('assessments.record')}
      </button>
    </form>
  );
}
