import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: Array<number | null>;
  kind: 'bar' | 'line';
  color: string;
  dashed?: boolean;
}

/**
 * A chart (Chart.js, only the parts used, loaded with the analyst's pages alone). The canvas is an image with a
 * summary; the figures are always in a table beside it for screen readers and keyboard users. Colours differ in
 * lightness and the path is dashed, so nothing is told by colour alone.
 */
export function SeriesChart({
  labels,
  series,
  summary,
  horizontal = false,
  height = '16rem',
}: {
  labels: string[];
  series: Series[];
  summary: string;
  horizontal?: boolean;
  height?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({
          type: s.kind,
          label: s.label,
          data: s.values,
          backgroundColor: s.color,
          borderColor: s.color,
          borderWidth: s.kind === 'line' ? 3 : 1,
          borderDash: s.dashed ? [8, 5] : [],
          pointRadius: s.kind === 'line' ? 3 : 0,
          spanGaps: true,
        })),
      } as ChartConfiguration['data'],
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1, labels: { color: '#1b1b1b' } } },
        scales: {
          x: { ticks: { color: '#1b1b1b' }, beginAtZero: horizontal },
          y: { ticks: { color: '#1b1b1b', precision: 0 }, beginAtZero: !horizontal },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [labels, series, horizontal]);
  return (
    <div className="chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
