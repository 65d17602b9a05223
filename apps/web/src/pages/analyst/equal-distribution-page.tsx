import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Progress as Spinner, QueryState } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { Downloads, MethodNote, ReleasedMonthChoice, useAnalystRegion, useFormats } from './analyst-common';
import { SeriesChart } from './charts';
import { EqualDistribution, GroupRow, RATES, RateName, reportExportUrl, useEqualDistribution } from './follow-up-api';

const RATIO = '#1f5d8c';
const BAND = '#a35200';

/**
 * Equal distribution of support in a released month: per gender and origin group, the share given a supervisor,
 * language support, study counselling, and in work or studies later, against everyone in the same area, with a
 * warning where the ratio falls outside the band. Protected counts only; hidden cells stay hidden.
 */
export function EqualDistributionPage() {
  const { t } = useTranslation();
  const region = useAnalystRegion();
  return (
    <>
      <PageTitle>{t('equal.title')}</PageTitle>
      <p className="lead">{t('equal.intro')}</p>
      {region ? <MonthChoice region={region} /> : <Spinner />}
    </>
  );
}

function MonthChoice({ region }: { region: string }) {
  return <ReleasedMonthChoice region={region}>{(month) => <MonthReport region={region} month={month} />}</ReleasedMonthChoice>;
}

function MonthReport({ region, month }: { region: string; month: string }) {
  const report = useEqualDistribution(region, month);
  return <QueryState query={report}>{(r) => <Report report={r} />}</QueryState>;
}

function useGroupName() {
  const { t } = useTranslation();
  return (row: Pick<GroupRow, 'classification' | 'group'>) =>
    row.group === null ? t('equal.everyone') : t(`equal.group.${row.classification}.${row.group}`);
}

interface Warning {
  area: string;
  group: string;
  rate: RateName;
  ratio: number;
  direction: 'below' | 'above';
}

function Report({ report }: { report: EqualDistribution }) {
  const { t } = useTranslation();
  const groupName = useGroupName();
  const format = useFormats();
  const whole = report.areas.find((a) => a.area === report.region) ?? report.areas[report.areas.length - 1];
  const [areaCode, setArea] = useState(whole.area);
  const [rate, setRate] = useState<RateName>('withSupervisor');
  const area = report.areas.find((a) => a.area === areaCode) ?? whole;
  const warnings: Warning[] = useMemo(
    () =>
      report.areas.flatMap((a) =>
        a.groups.flatMap((g) =>
          RATES.flatMap((r) => {
            const d = g.rates[r];
            return d.warning && d.ratio !== null
              ? [{ area: a.name, group: groupName(g), rate: r, ratio: d.ratio, direction: d.warning }]
              : [];
          }),
        ),
      ),
    [report, groupName],
  );
  const groups = area.groups.filter((g) => g.classification !== 'all');
  const labels = useMemo(() => groups.map(groupName), [groups, groupName]);
  const series = useMemo(
    () => [
      { label: t('equal.ratio'), values: groups.map((g) => g.rates[rate].ratio), kind: 'bar' as const, color: RATIO },
      { label: t('equal.bandLow'), values: groups.map(() => report.band.low), kind: 'line' as const, color: BAND, dashed: true },
      { label: t('equal.bandHigh'), values: groups.map(() => report.band.high), kind: 'line' as const, color: BAND, dashed: true },
    ],
    [groups, rate, report.band, t],
  );
  const band = { low: format.ratio(report.band.low), high: format.ratio(report.band.high) };
  return (
    <>
      <p>{t('equal.band', band)}</p>
      {report.withheld ? <p className="notice notice-error">{t('equal.withheld')}</p> : null}
      <section aria-labelledby="warnings-heading">
        <h2 id="warnings-heading">{t('equal.warningsTitle', { count: warnings.length })}</h2>
        {warnings.length === 0 ? (
          <p>{t('equal.noWarnings')}</p>
        ) : (
          <ul className="warnings">
            {warnings.map((w) => (
              <li key={`${w.area}|${w.group}|${w.rate}`}>
                <span className={`badge badge-warning-${w.direction}`}>{t(`equal.warning.${w.direction}`)}</span> {w.area}, {w.group}:{' '}
                {t(`equal.rate.${w.rate}`)} {t('equal.ratioIs', { ratio: format.ratio(w.ratio) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t('equal.groupsTitle')}</h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor="area">{t('equal.area')}</label>
            <select id="area" value={area.area} onChange={(e) => setArea(e.target.value)}>
              {report.areas.map((a) => (
                <option key={a.area} value={a.area}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rate">{t('equal.measure')}</label>
            <select id="rate" value={rate} onChange={(e) => setRate(e.target.value as RateName)}>
              {RATES.map((r) => (
                <option key={r} value={r}>
                  {t(`equal.rate.${r}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <section className="card" aria-labelledby="ratio-chart">
          <h3 id="ratio-chart">{t('equal.chartTitle', { area: area.name, rate: t(`equal.rate.${rate}`) })}</h3>
          <SeriesChart
            labels={labels}
            series={series}
            horizontal
            summary={t('analyst.chartAlt', { title: t('equal.chartTitle', { area: area.name, rate: t(`equal.rate.${rate}`) }) })}
          />
        </section>
        <div className="table-wrap">
          <table>
            <caption>{t('equal.tableCaption', { area: area.name, month: report.month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analyst.group')}</th>
                <th scope="col">{t('equal.placements')}</th>
                {RATES.map((r) => (
                  <th scope="col" key={r}>
                    {t(`equal.rate.${r}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {area.groups.map((g) => (
                <tr key={`${g.classification}|${g.group}`}>
                  <th scope="row">{groupName(g)}</th>
                  <td>{g.counts.placements ?? t('analyst.suppressedShort')}</td>
                  {RATES.map((r) => {
                    const d = g.rates[r];
                    return (
                      <td key={r}>
                        {format.percent(d.rate)}
                        {d.ratio !== null && g.group !== null ? ` (${format.ratio(d.ratio)})` : ''}
                        {d.warning ? (
                          <>
                            {' '}
                            <span className={`badge badge-warning-${d.warning}`}>{t(`equal.warning.${d.warning}`)}</span>
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="meta">{t('equal.tableNote')}</p>
      </section>
      <MethodNote method={report.method} asOf={report.dataAsOf} />
      <Downloads
        report={t('equal.title')}
        url={(f) => reportExportUrl.equalDistribution(report.region, report.month, f)}
        name={`equal-distribution-${report.month}`}
      />
    </>
  );
}
