import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/**
 * A bar chart (Chart.js, only the parts used, so the bundle stays small). The canvas is labelled as an image with
 * a summary; the figures themselves are always in a table beside it for screen readers and keyboard users.
 */
export function BarChart({
  labels,
  values,
  label,
  summary,
}: {
  labels: string[];
  values: Array<number | null>;
  label: string;
  summary: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: [{ label, data: values, backgroundColor: '#1f5d8c', borderColor: '#123b5a', borderWidth: 1 }] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0, color: '#222' } }, x: { ticks: { color: '#222' } } },
      },
    });
    return () => chart.destroy();
  }, [labels, values, label]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
