import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../api/reference';
import { Progress as Spinner, QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { Downloads, useAnalystRegion } from './analyst-common';
import { SeriesChart } from './charts';
import { Count, reportExportUrl, useWhereToTrain, WhereToTrain } from './follow-up-api';

const OPEN = '#1f5d8c';
const AWAY = '#a35200';
const ASKED = '#9db9cf';
const CHARTED = 10;

/**
 * Where to train: the tasks open needs ask for that candidates within commute lack, ranked by the positions that
 * would open if those one validation away got it. Input for adult education and vocational Swedish.
 */
export function WhereToTrainPage() {
  const { t } = useTranslation();
  const region = useAnalystRegion();
  return (
    <>
      <PageTitle>{t('train.title')}</PageTitle>
      <p className="lead">{t('train.intro')}</p>
      {region ? <Report region={region} /> : <Spinner />}
    </>
  );
}

function Report({ region }: { region: string }) {
  const report = useWhereToTrain(region);
  return <QueryState query={report}>{(r) => <ReportView report={r} />}</QueryState>;
}

function ReportView({ report }: { report: WhereToTrain }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const count = (n: Count) => (n === null ? t('train.hidden') : String(n));
  const top = report.tasks.slice(0, CHARTED);
  const labels = useMemo(() => top.map((task) => names.task(task.taskId)), [top, names]);
  const series = useMemo(
    () => [
      {
        label: t('train.positionsThatWouldOpen'),
        values: top.map((task) => task.positionsThatWouldOpen),
        kind: 'bar' as const,
        color: OPEN,
      },
      { label: t('train.oneStepAway'), values: top.map((task) => task.candidatesOneStepAway), kind: 'bar' as const, color: AWAY },
      { label: t('train.positionsAsking'), values: top.map((task) => task.positionsAsking), kind: 'bar' as const, color: ASKED },
    ],
    [top, t],
  );
  const asOf = new Date(report.dataAsOf).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE');
  if (report.tasks.length === 0) return <p>{t('train.none')}</p>;
  return (
    <>
      <section className="card" aria-labelledby="train-chart">
        <h2 id="train-chart">{t('train.chartTitle', { count: top.length })}</h2>
        <SeriesChart
          labels={labels}
          series={series}
          horizontal
          height="22rem"
          summary={t('analyst.chartAlt', { title: t('train.chartTitle', { count: top.length }) })}
        />
      </section>
      <div className="table-wrap">
        <table>
          <caption>{t('train.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('train.task')}</th>
              <th scope="col">{t('train.needsAsking')}</th>
              <th scope="col">{t('train.positionsAsking')}</th>
              <th scope="col">{t('train.lacking')}</th>
              <th scope="col">{t('train.oneStepAway')}</th>
              <th scope="col">{t('train.positionsThatWouldOpen')}</th>
              <th scope="col">{t('train.languageDemand')}</th>
            </tr>
          </thead>
          <tbody>
            {report.tasks.map((task) => (
              <tr key={task.taskId}>
                <th scope="row">
                  {names.task(task.taskId)}
                  <span className="meta"> · {task.occupations.join(', ')}</span>
                </th>
                <td>{task.needsAsking}</td>
                <td>{task.positionsAsking}</td>
                <td>{count(task.candidatesLacking)}</td>
                <td>{count(task.candidatesOneStepAway)}</td>
                <td>{count(task.positionsThatWouldOpen)}</td>
                <td>
                  <LanguageDemand taskId={task.taskId} asReported={task.languageDemand} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="meta">{t('train.note', { min: report.method.smallestShownCount, asOf })}</p>
      <Downloads report={t('train.title')} url={(f) => reportExportUrl.whereToTrain(report.region, f)} name="where-to-train" />
    </>
  );
}

/**
 * The Swedish a task asks for: what kind (in the page's language) and the taxonomy's description (Swedish only, so
 * marked as such). The report's own text stands in while the taxonomy is not loaded.
 */
function LanguageDemand({ taskId, asReported }: { taskId: string; asReported: string | null }) {
  const { t } = useTranslation();
  const names = useNames();
  const demand = names.taskOf(taskId)?.languageDemand;
  if (!demand) return asReported ? <span lang="sv">{asReported}</span> : <>–</>;
  return (
    <>
      {t(`train.languageKind.${demand.kind}`)}: <span lang="sv">{demand.description}</span>
    </>
  );
}
