import type { Progress } from '../../domain/progress';
import type { ExportDocument } from '../../../exports/report-export';
import type { GoalProgressView } from '../../application/queries/get-progress/get-progress.query';

export function progressExport(view: GoalProgressView): ExportDocument {
  const columns = [
    'area',
    'baseline',
    'target',
    'latest month',
    'latest',
    'planned',
    'status',
    'pace per month',
    'reached at current pace',
  ];
  const row = (name: string, p: Progress) => [
    name,
    p.baseline,
    p.target,
    p.latestMonth,
    p.latest,
    p.planned,
    p.status,
    p.pacePerMonth ?? '',
    p.reachedByAtCurrentPace ?? 'not at this pace',
  ];
  return {
    report: 'goal-progress',
    region: view.region,
    dataAsOf: view.cooperation.latestMonth,
    protectedCounts: false,
    tables: [
      {
        title: `${view.name} (${view.baselineMonth} → ${view.targetMonth}, -${view.reductionPercent}%)`,
        columns,
        rows: [...view.municipalities.map((m) => row(`${m.name} (${m.municipality})`, m)), row('cooperation', view.cooperation)],
      },
      { title: 'figures', columns: ['municipality', 'month', 'value'], rows: view.figures.map((f) => [f.municipality, f.month, f.value]) },
    ],
  };
}
