import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Chart, ChartConfiguration } from 'chart.js';

export type ChartSeries = {
  label: string;
  data: readonly (number | null)[];
  /** A CSS custom property of the theme (so dark mode gets its own colours), with a fallback. */
  colorVar: string;
  fallbackColor: string;
};

export type ChartSpec = {
  type: 'bar' | 'line';
  labels: readonly string[];
  series: readonly ChartSeries[];
  yTitle: string;
  /** Counts: no 0.5 ticks. */
  wholeNumbers: boolean;
};

/** pending: loading Chart.js; drawn: the canvas shows the chart; unavailable: no 2D canvas here (the table stands in). */
export type ChartState = 'pending' | 'drawn' | 'unavailable';

type ChartKind = ChartSpec['type'];
type AnyChart = Chart<ChartKind, (number | null)[], string>;

let chartModule: Promise<typeof import('./chart-registry')> | null = null;

/** Chart.js, imported once on first use (its own chunk); a failed import may be tried again. */
function loadChartModule(): Promise<typeof import('./chart-registry')> {
  chartModule ??= import('./chart-registry').catch((error: unknown) => {
    chartModule = null;
    throw error;
  });
  return chartModule;
}

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function chartData(spec: ChartSpec): AnyChart['data'] {
  return {
    labels: [...spec.labels],
    datasets: spec.series.map((series) => {
      const color = themeColor(series.colorVar, series.fallbackColor);
      return { label: series.label, data: [...series.data], backgroundColor: color, borderColor: color, tension: 0.25, spanGaps: false };
    }),
  };
}

/** The whole configuration; exported for tests that fake Chart.js. */
export function chartConfig(spec: ChartSpec): ChartConfiguration<ChartKind, (number | null)[], string> {
  const muted = themeColor('--text-muted', '#5b6574');
  const grid = themeColor('--border', '#d5d9e0');
  return {
    type: spec.type,
    data: chartData(spec),
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Live figures change every few seconds: redraw in place instead of animating each time.
      animation: false,
      scales: {
        x: { ticks: { color: muted }, grid: { color: grid } },
        y: {
          beginAtZero: true,
          title: { display: true, text: spec.yTitle, color: muted },
          ticks: { color: muted, ...(spec.wholeNumbers ? { precision: 0 } : {}) },
          grid: { color: grid },
        },
      },
      plugins: { legend: { position: 'bottom', labels: { color: muted } } },
    },
  };
}

/**
 * Draws `spec` on the canvas with Chart.js: created once the canvas is mounted (Chart.js is loaded
 * on first use), updated in place when the spec changes, destroyed on unmount. Where the canvas
 * has no 2D context (jsdom, a locked-down webview) it reports 'unavailable' and draws nothing.
 */
export function useChart(canvasRef: RefObject<HTMLCanvasElement | null>, spec: ChartSpec): ChartState {
  const [state, setState] = useState<ChartState>('pending');
  const chartRef = useRef<AnyChart | null>(null);
  const specRef = useRef(spec);

  useEffect(() => {
    specRef.current = spec;
    const chart = chartRef.current;
    if (!chart) return;
    // In place, keeping the dataset objects: Chart.js ties a legend-hidden series to its object.
    const next = chartData(spec);
    chart.data.labels = next.labels;
    next.datasets.forEach((dataset, index) => {
      const current = chart.data.datasets[index];
      if (current) Object.assign(current, dataset);
      else chart.data.datasets.push(dataset);
    });
    chart.data.datasets.length = next.datasets.length;
    if (chart.options.scales?.y?.title) chart.options.scales.y.title.text = spec.yTitle;
    chart.update('none');
  }, [spec]);

  const type = spec.type;
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d') ?? null;
    if (!context) {
      setState('unavailable');
      return;
    }
    let cancelled = false;
    let chart: AnyChart | null = null;
    loadChartModule()
      .then(({ Chart: ChartClass }) => {
        if (cancelled) return;
        chart = new ChartClass(context, chartConfig({ ...specRef.current, type }));
        chartRef.current = chart;
        setState('drawn');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.error('could not load the charts', error);
        setState('unavailable');
      });
    return () => {
      cancelled = true;
      chart?.destroy();
      chartRef.current = null;
    };
  }, [canvasRef, type]);

  return state;
}
