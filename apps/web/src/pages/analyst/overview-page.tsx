import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { FollowUpStatistics } from '../../api/types';
import { BarChart } from '../../components/bar-chart';
import { QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';

/** The analyst's follow-up: aggregates only, small cells suppressed by the server and said to be so here. */
export function OverviewPage() {
  const { t } = useTranslation();
  const stats = useQuery({
    queryKey: ['statistics', 'follow-up'],
    queryFn: ({ signal }) => get<FollowUpStatistics>('/statistics/follow-up', signal),
  });
  return (
    <>
      <PageTitle>{t('analyst.title')}</PageTitle>
      <QueryState query={stats}>
        {(data) => (
          <>
            <p className="lead">{t('analyst.intro', { min: data.smallestShownCount })}</p>
            <h2>{t('analyst.followUpTitle')}</h2>
            <p>{t('analyst.total', { count: data.total })}</p>
            <div className="chart-grid">
              <Breakdown title={t('analyst.gender')} counts={data.gender} valueKey="analyst.genderValues" />
              <Breakdown title={t('analyst.bornAbroad')} counts={data.bornAbroad} valueKey="analyst.bornAbroadValues" />
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}

function Breakdown({ title, counts, valueKey }: { title: string; counts: Record<string, number | null>; valueKey: string }) {
  const { t } = useTranslation();
  const keys = useMemo(() => Object.keys(counts), [counts]);
  const labels = useMemo(() => keys.map((k) => t(`${valueKey}.${k}`)), [keys, t, valueKey]);
  const values = useMemo(() => keys.map((k) => counts[k]), [keys, counts]);
  const id = `breakdown-${valueKey.replace(/\W/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <BarChart labels={labels} values={values} label={title} summary={t('analyst.chartAlt', { title })} />
      <table>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analyst.group')}</th>
            <th scope="col">{t('analyst.count')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k, i) => (
            <tr key={k}>
              <th scope="row">{labels[i]}</th>
              <td>{counts[k] === null ? t('analyst.suppressed') : counts[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
