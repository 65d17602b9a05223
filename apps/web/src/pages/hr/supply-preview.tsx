import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMunicipalities, useNames } from '../../api/reference';
import type { Level } from '../../api/types';
import { errorMessage } from '../../components/feedback';
import type { TaskRequirement } from './roles-api';

export interface SupplyPreview {
  workplaceMunicipality: string;
  startDate: string | null;
  inReach: number;
  qualify: number;
  oneValidationAway: number;
  closingValidations: Array<{ taskId: string; requiredLevel: Level; missing: number; belowLevel: number }>;
}

/** The value, once it has stopped changing for `ms`: one request per pause in typing or clicking, not per change. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The live supply preview beside the role being composed: how many candidates within commute of the workplace
 * already qualify, how many are one validation away, and which validation that is. Counts only, never a person.
 */
export function SupplyPreviewPanel({ tasks, municipality }: { tasks: TaskRequirement[]; municipality?: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const municipalities = useMunicipalities();
  const [workplace, setWorkplace] = useState(municipality ?? '');
  const valid = tasks.filter((task) => task.taskId);
  const key = JSON.stringify(valid.map((task) => [task.taskId, Number(task.requiredLevel), task.weight]));
  // A string, so that the settled value only changes when the question does (an object would be new every render).
  const askedKey = useSettled(JSON.stringify([workplace, key]), 250);
  const asked = useMemo(() => {
    const [w, k] = JSON.parse(askedKey) as [string, string];
    return { workplace: w, key: k };
  }, [askedKey]);
  const preview = useQuery({
    queryKey: ['supply-preview', asked.workplace, asked.key],
    queryFn: ({ signal }) =>
      api<SupplyPreview>('/matching/supply-preview', {
        method: 'POST',
        body: {
          workplaceMunicipality: asked.workplace,
          tasks: (JSON.parse(asked.key) as Array<[string, number, string]>).map(([taskId, requiredLevel, weight]) => ({
            taskId,
            requiredLevel,
            weight,
          })),
        },
        signal,
      }),
    enabled: asked.key !== '[]' && /^\d{4}$/.test(asked.workplace),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const data = valid.length > 0 ? preview.data : undefined;
  const updating = valid.length > 0 && (preview.isFetching || asked.key !== key || asked.workplace !== workplace);

  return (
    <section className="supply-preview" aria-labelledby="supply-heading">
      <h3 id="supply-heading">{t('supply.title')}</h3>
      <div className="field">
        <label htmlFor="supply-workplace">{t('supply.workplace')}</label>
        <select id="supply-workplace" value={workplace} onChange={(e) => setWorkplace(e.target.value)}>
          {!workplace ? <option value="">{t('supply.chooseWorkplace')}</option> : null}
          {(municipalities.data ?? []).map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div aria-live="polite" aria-atomic="true" className="supply-figures" data-testid="supply-preview">
        {valid.length === 0 ? (
          <p className="meta">{t('supply.addTasks')}</p>
        ) : preview.isError && !data ? (
          <p className="field-error">{errorMessage(preview.error, t)}</p>
        ) : data ? (
          <>
            <dl className="supply-counts">
              <div>
                <dt>{t('supply.qualify')}</dt>
                <dd data-figure="qualify">{data.qualify}</dd>
              </div>
              <div>
                <dt>{t('supply.oneAway')}</dt>
                <dd data-figure="one-away">{data.oneValidationAway}</dd>
              </div>
              <div>
                <dt>{t('supply.inReach')}</dt>
                <dd data-figure="in-reach">{data.inReach}</dd>
              </div>
            </dl>
            {data.closingValidations.length > 0 ? (
              <>
                <h4>{t('supply.closing')}</h4>
                <ul className="closing-validations">
                  {data.closingValidations.map((c) => (
                    <li key={c.taskId}>
                      <span className="task-name">{names.task(c.taskId)}</span> ({t(`level.${c.requiredLevel}`)}):{' '}
                      {t('supply.closingCount', { count: c.missing + c.belowLevel })}
                      {c.belowLevel > 0 ? ` ${t('supply.belowLevel', { count: c.belowLevel })}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
      <p className="meta supply-status">
        {updating ? (
          <>
            <span className="spinner" aria-hidden="true" /> {t('supply.updating')}
          </>
        ) : (
          t('supply.explain')
        )}
      </p>
      {data ? (
        // On a phone the panel sits below the task search: this bar keeps the two counts in sight while she adds
        // tasks. Hidden from assistive technology, which hears the panel's live region instead.
        <p className="supply-sticky" aria-hidden="true" data-testid="supply-sticky">
          <strong>{data.qualify}</strong> {t('supply.qualify')} · <strong>{data.oneValidationAway}</strong> {t('supply.oneAway')}
          {updating ? ' …' : ''}
        </p>
      ) : null}
    </section>
  );
}
