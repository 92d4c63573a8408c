import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HourPoint } from './hour-series';
import { formatHour, toMinutes } from './kpi-format';
import { useChart, type ChartSpec } from './use-chart';

type ChartFigureProps = {
  title: string;
  spec: ChartSpec;
  /** The same figures as a table: column headings, then one row per hour. */
  columns: readonly string[];
  rows: readonly ChartRow[];
};

/** One hour of a chart's table; keyed by the hour's start (two hours share a label when the clocks go back). */
type ChartRow = { key: number; hour: string; cells: readonly string[] };

/**
 * One chart with its figures as a table: the table is visually hidden while the chart is drawn
 * (screen readers read it instead of the canvas) and shown when no chart can be drawn.
 */
function ChartFigure({ title, spec, columns, rows }: ChartFigureProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const state = useChart(canvasRef, spec);
  return (
    <figure className="supervisor-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="supervisor-chart__title">
        {title}
      </figcaption>
      {state !== 'unavailable' && (
        <div className="supervisor-chart__canvas">
          <canvas ref={canvasRef} role="img" aria-label={t('supervisor.charts.chartLabel', { title })} />
        </div>
      )}
      <div className={state === 'unavailable' ? 'supervisor-chart__table' : 'visually-hidden'}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, hour, cells }) => (
              <tr key={key}>
                <th scope="row">{hour}</th>
                {cells.map((cell, index) => (
                  <td key={columns[index + 1]}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Today's hours in scope: incoming against solved, and the mean first response time per hour. */
export function KpiCharts({ hours, timeZone }: { hours: readonly HourPoint[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  const figures = useMemo(() => {
    const labels = hours.map((hour) => formatHour(language, timeZone, hour.hourStart));
    const meanMinutes = hours.map((hour) => toMinutes(hour.meanFirstResponseMs));
    const incomingSolved: ChartSpec = {
      type: 'bar',
      labels,
      series: [
        { label: t('supervisor.charts.incoming'), data: hours.map((hour) => hour.incoming), colorVar: '--accent', fallbackColor: '#2457c5' },
        { label: t('supervisor.charts.solved'), data: hours.map((hour) => hour.solved), colorVar: '--online', fallbackColor: '#1e8e3e' },
      ],
      yTitle: t('supervisor.charts.tickets'),
      wholeNumbers: true,
    };
    const firstResponse: ChartSpec = {
      type: 'line',
      labels,
      series: [{ label: t('supervisor.charts.meanMinutes'), data: meanMinutes, colorVar: '--syncing', fallbackColor: '#c98a00' }],
      yTitle: t('supervisor.charts.minutes'),
      wholeNumbers: false,
    };
    return {
      incomingSolved,
      incomingSolvedRows: hours.map((hour, index) => ({ key: hour.hourStart, hour: labels[index] ?? '', cells: [String(hour.incoming), String(hour.solved)] })),
      firstResponse,
      firstResponseRows: hours.map((hour, index) => ({
        key: hour.hourStart,
        hour: labels[index] ?? '',
        cells: [String(hour.firstResponses), meanMinutes[index]?.toFixed(1) ?? '—'],
      })),
    };
  }, [hours, language, timeZone, t]);

  return (
    <div className="supervisor-charts">
      <ChartFigure
        title={t('supervisor.charts.incomingSolved')}
        spec={figures.incomingSolved}
        columns={[t('supervisor.charts.hour'), t('supervisor.charts.incoming'), t('supervisor.charts.solved')]}
        rows={figures.incomingSolvedRows}
      />
      <ChartFigure
        title={t('supervisor.charts.firstResponse')}
        spec={figures.firstResponse}
        columns={[t('supervisor.charts.hour'), t('supervisor.charts.firstResponses'), t('supervisor.charts.meanMinutes')]}
        rows={figures.firstResponseRows}
      />
    </div>
  );
}
