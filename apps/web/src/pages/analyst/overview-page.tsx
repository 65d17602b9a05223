import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { FollowUpStatistics } from '../../api/types';
import { Progress as Spinner, QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { Downloads, MethodNote, ReleasedMonthChoice, useAnalystRegion } from './analyst-common';
import { SeriesChart } from './charts';
import { AreaOutcomes, Count, exportUrl, GoalProgress, Outcomes, useGoalProgress, useGoals, useOutcomes } from './follow-up-api';

const STAGES = ['registered', 'firstCertifiedTask', 'proposed', 'accepted', 'placed', 'inWorkOrStudies90', 'inWorkOrStudies180'] as const;
const ACTUAL = '#1f5d8c';
const PATH = '#a35200';
const PLANNED = '#9db9cf';

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 120; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The regional analyst's follow-up: goal progress against the path, the funnel, downloads. Aggregates only. */
export function OverviewPage() {
  const { t } = useTranslation();
  const region = useAnalystRegion();
  return (
    <>
      <PageTitle>{t('analyst.title')}</PageTitle>
      {!region ? (
        <Spinner />
      ) : (
        <>
          <GoalSection region={region} />
          <FunnelSection region={region} />
          <RegisteredSection />
        </>
      )}
    </>
  );
}

function GoalSection({ region }: { region: string }) {
  const { t } = useTranslation();
  const goals = useGoals(region);
  const [chosen, setChosen] = useState<string>();
  const goalId = chosen ?? goals.data?.[0]?.goalId;
  const progress = useGoalProgress(region, goalId);
  return (
    <section aria-labelledby="goal-heading">
      <h2 id="goal-heading">{t('analyst.goalTitle')}</h2>
      <QueryState query={goals}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('analyst.noGoals')}</p>
          ) : (
            <>
              {list.length > 1 ? (
                <div className="field field-inline">
                  <label htmlFor="goal">{t('analyst.goal')}</label>
                  <select id="goal" value={goalId} onChange={(e) => setChosen(e.target.value)}>
                    {list.map((g) => (
                      <option key={g.goalId} value={g.goalId}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <QueryState query={progress}>{(data) => <GoalView goal={data} region={region} />}</QueryState>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function GoalView({ goal, region }: { goal: GoalProgress; region: string }) {
  const { t, i18n } = useTranslation();
  const number = (n: number | null) =>
    n === null ? '–' : new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 }).format(n);
  const months = useMemo(() => monthsBetween(goal.baselineMonth, goal.targetMonth), [goal.baselineMonth, goal.targetMonth]);
  const series = useMemo(() => {
    const counted = new Set(goal.municipalities.map((m) => m.municipality));
    const byMonth = new Map<string, { sum: number; n: number }>();
    for (const f of goal.figures) {
      if (!counted.has(f.municipality)) continue;
      const cell = byMonth.get(f.month) ?? { sum: 0, n: 0 };
      cell.sum += f.value;
      cell.n += 1;
      byMonth.set(f.month, cell);
    }
    const actual = months.map((m) => {
      const cell = byMonth.get(m);
      return cell && cell.n === counted.size ? cell.sum : null;
    });
    const { baseline, target } = goal.cooperation;
    const path = months.map((_, i) => Math.round((baseline + ((target - baseline) * i) / Math.max(1, months.length - 1)) * 10) / 10);
    return [
      { label: t('analyst.actual'), values: actual, kind: 'line' as const, color: ACTUAL },
      { label: t('analyst.path'), values: path, kind: 'line' as const, color: PATH, dashed: true },
    ];
  }, [goal, months, t]);
  const perMunicipality = useMemo(
    () => [
      { label: t('analyst.latest'), values: goal.municipalities.map((m) => m.latest), kind: 'bar' as const, color: ACTUAL },
      { label: t('analyst.planned'), values: goal.municipalities.map((m) => m.planned), kind: 'bar' as const, color: PLANNED },
    ],
    [goal, t],
  );
  const municipalityNames = useMemo(() => goal.municipalities.map((m) => m.name), [goal]);
  const c = goal.cooperation;
  return (
    <>
      <p className="lead">
        <strong>{goal.name}</strong> — {goal.targetGroup}
      </p>
      <p>
        {t('analyst.goalSummary', { reduction: goal.reductionPercent, from: goal.baselineMonth, to: goal.targetMonth })}{' '}
        <span className={`badge badge-status-${c.status}`}>{t(`analyst.status.${c.status}`)}</span>{' '}
        {c.reachedByAtCurrentPace ? t('analyst.reachedBy', { month: c.reachedByAtCurrentPace }) : t('analyst.neverAtPace')}
      </p>
      <div className="chart-grid">
        <section className="card" aria-labelledby="cooperation-chart">
          <h3 id="cooperation-chart">{t('analyst.cooperationChart', { count: c.municipalitiesCounted })}</h3>
          <SeriesChart
            labels={months}
            series={series}
            summary={t('analyst.cooperationSummary', { latest: number(c.latest), planned: number(c.planned), month: c.latestMonth })}
          />
          <p>{t('analyst.cooperationSummary', { latest: number(c.latest), planned: number(c.planned), month: c.latestMonth })}</p>
        </section>
        <section className="card" aria-labelledby="municipality-chart">
          <h3 id="municipality-chart">{t('analyst.municipalityChart')}</h3>
          <SeriesChart
            labels={municipalityNames}
            series={perMunicipality}
            summary={t('analyst.chartAlt', { title: t('analyst.municipalityChart') })}
          />
        </section>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t('analyst.progressTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.municipality')}</th>
              <th scope="col">{t('analyst.baseline')}</th>
              <th scope="col">{t('analyst.latest')}</th>
              <th scope="col">{t('analyst.planned')}</th>
              <th scope="col">{t('analyst.targetFigure')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('analyst.reachedByColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {goal.municipalities.map((m) => (
              <tr key={m.municipality}>
                <th scope="row">{m.name}</th>
                <td>{number(m.baseline)}</td>
                <td>
                  {number(m.latest)} ({m.latestMonth})
                </td>
                <td>{number(m.planned)}</td>
                <td>{number(m.target)}</td>
                <td>
                  <span className={`badge badge-status-${m.status}`}>{t(`analyst.status.${m.status}`)}</span>
                </td>
                <td>{m.reachedByAtCurrentPace ?? t('analyst.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Downloads report={t('analyst.goalTitle')} name="progress" url={(format) => exportUrl.progress(region, goal.goalId, format)} />
    </>
  );
}

function FunnelSection({ region }: { region: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">{t('analyst.funnelTitle')}</h2>
      <ReleasedMonthChoice region={region}>
        {(month, next) => (
          <>
            <p className="meta">{t('analyst.nextRelease', { month: next.month, on: next.on })}</p>
            <FunnelMonth region={region} month={month} />
          </>
        )}
      </ReleasedMonthChoice>
    </section>
  );
}

function FunnelMonth({ region, month }: { region: string; month: string }) {
  const outcomes = useOutcomes(region, month);
  return <QueryState query={outcomes}>{(report) => <FunnelView report={report} region={region} />}</QueryState>;
}

function FunnelView({ report, region }: { report: Outcomes; region: string }) {
  const { t } = useTranslation();
  const count = (n: Count) => (n === null ? t('analyst.suppressedShort') : String(n));
  const whole = report.areas.find((a) => a.area === report.region) ?? report.areas[report.areas.length - 1];
  const labels = useMemo(() => STAGES.map((s) => t(`analyst.stage.${s}`)), [t]);
  const series = useMemo(
    () => [{ label: whole.name, values: STAGES.map((s) => whole.funnel[s]), kind: 'bar' as const, color: ACTUAL }],
    [whole],
  );
  const rows: AreaOutcomes[] = report.areas;
  return (
    <>
      <div className="chart-grid">
        <section className="card" aria-labelledby="funnel-chart">
          <h3 id="funnel-chart">{t('analyst.funnelChart', { area: whole.name, month: report.month })}</h3>
          <SeriesChart
            labels={labels}
            series={series}
            horizontal
            summary={t('analyst.chartAlt', { title: t('analyst.funnelChart', { area: whole.name, month: report.month }) })}
          />
        </section>
        <section className="card" aria-labelledby="placements-heading">
          <h3 id="placements-heading">{t('analyst.placementsTitle')}</h3>
          <dl className="facts">
            {(['internship', 'work-training', 'employment', 'total'] as const).map((k) => (
              <div key={k}>
                <dt>{k === 'total' ? t('analyst.placementsTotal') : t(`placementType.${k}`)}</dt>
                <dd>{count(whole.placementsByType[k])}</dd>
              </div>
            ))}
            <div>
              <dt>{t('analyst.followUpsOnTime')}</dt>
              <dd>
                {count(whole.followUps.onTime)} / {count(whole.followUps.due)}
              </dd>
            </div>
            <div>
              <dt>{t('analyst.medianDays')}</dt>
              <dd>{whole.medianDaysToFirstPlacement ?? t('analyst.suppressedShort')}</dd>
            </div>
          </dl>
        </section>
      </div>
      <div className="table-wrap">
        <table>
          <caption>{t('analyst.funnelTable', { month: report.month })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.municipality')}</th>
              {STAGES.map((s) => (
                <th scope="col" key={s}>
                  {t(`analyst.stage.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.area}>
                <th scope="row">{a.name}</th>
                {STAGES.map((s) => (
                  <td key={s}>{count(a.funnel[s])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MethodNote method={report.method} asOf={report.dataAsOf} />
      <Downloads report={t('analyst.funnelTitle')} name="outcomes" url={(format) => exportUrl.outcomes(region, report.month, format)} />
    </>
  );
}

function RegisteredSection() {
  const { t } = useTranslation();
  const stats = useQuery({
    queryKey: ['statistics', 'follow-up'],
    queryFn: ({ signal }) => get<FollowUpStatistics>('/statistics/follow-up', signal),
  });
  return (
    <section aria-labelledby="registered-heading">
      <h2 id="registered-heading">{t('analyst.followUpTitle')}</h2>
      <QueryState query={stats}>
        {(data) => (
          <>
            <p>
              {t('analyst.total', { count: data.total })} · {t('analyst.intro', { min: data.smallestShownCount })}
            </p>
            <div className="chart-grid">
              <Breakdown title={t('analyst.gender')} counts={data.gender} valueKey="analyst.genderValues" />
              <Breakdown title={t('analyst.bornAbroad')} counts={data.bornAbroad} valueKey="analyst.bornAbroadValues" />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

function Breakdown({ title, counts, valueKey }: { title: string; counts: Record<string, number | null>; valueKey: string }) {
  const { t } = useTranslation();
  const keys = useMemo(() => Object.keys(counts), [counts]);
  const labels = useMemo(() => keys.map((k) => t(`${valueKey}.${k}`)), [keys, t, valueKey]);
  const series = useMemo(
    () => [{ label: title, values: keys.map((k) => counts[k]), kind: 'bar' as const, color: ACTUAL }],
    [keys, counts, title],
  );
  const id = `breakdown-${valueKey.replace(/\W/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <SeriesChart labels={labels} series={series} summary={t('analyst.chartAlt', { title })} height="12rem" />
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
