// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { BehaviorSubject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession } from '../../app/testing/fake-desk-session';
import { renderInDesk } from '../../app/testing/render-desk';
import { useObservable } from '../../state/use-observable';
import type { HourPoint } from './hour-series';
import { KpiCharts } from './kpi-charts';

type FakeChartConfig = { type: string; data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } };

// Chart.js itself needs a real canvas; a stand-in records what the panel asks of it.
const charts = vi.hoisted(() => {
  class FakeChart {
    static created: FakeChart[] = [];
    data: FakeChartConfig['data'];
    options = { scales: { y: { title: { text: '' } } } };
    update = vi.fn();
    destroy = vi.fn();
    constructor(
      public context: unknown,
      public config: FakeChartConfig,
    ) {
      this.data = config.data;
      FakeChart.created.push(this);
    }
  }
  return { FakeChart, created: FakeChart.created };
});
vi.mock('./chart-registry', () => ({ Chart: charts.FakeChart }));

const HOUR = 3_600_000;
const dayStart = Date.UTC(2025, 2, 12);
const hours = (incoming: number[]): HourPoint[] =>
  incoming.map((count, index) => ({
    hourStart: dayStart + index * HOUR,
    incoming: count,
    solved: 1,
    selfSolved: 0,
    firstResponses: index === 0 ? 2 : 0,
    meanFirstResponseMs: index === 0 ? 90_000 : null,
  }));

const session = () => createFakeDeskSession().session;

/** The charts fed by a subject, as the panel feeds them from live snapshots. */
function LiveCharts({ figures }: { figures: BehaviorSubject<HourPoint[]> }) {
  return <KpiCharts hours={useObservable(figures, figures.value)} timeZone="UTC" />;
}

beforeEach(() => {
  charts.created.length = 0;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('workload charts with a 2D canvas', () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as unknown as CanvasRenderingContext2D);
  });

  it('draws a bar chart of incoming and solved and a line chart of the mean first response, labelled for screen readers', async () => {
    renderInDesk(<KpiCharts hours={hours([4, 2])} timeZone="UTC" />, { session: session() });
    await waitFor(() => expect(charts.created).toHaveLength(2));

    const [bars, line] = charts.created;
    expect(bars?.config.type).toBe('bar');
    expect(bars?.config.data.labels).toEqual(['12:00 AM', '01:00 AM']);
    expect(bars?.config.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ['Incoming', [4, 2]],
      ['Solved', [1, 1]],
    ]);
    expect(line?.config.type).toBe('line');
    expect(line?.config.data.datasets.map((dataset) => dataset.data)).toEqual([[1.5, null]]);

    expect(screen.getByRole('img', { name: /^Incoming vs solved per hour/ }).tagName).toBe('CANVAS');
    expect(screen.getByRole('img', { name: /^First response time over the day/ }).tagName).toBe('CANVAS');
    // The tables stay for screen readers, out of sight.
    expect(screen.getByRole('table', { name: 'Incoming vs solved per hour' }).parentElement?.className).toBe('visually-hidden');
  });

  it('updates the charts in place on new figures and destroys them on unmount', async () => {
    const figures = new BehaviorSubject(hours([4]));
    const view = renderInDesk(<LiveCharts figures={figures} />, { session: session() });
    await waitFor(() => expect(charts.created).toHaveLength(2));

    act(() => figures.next(hours([4, 7])));
    expect(charts.created).toHaveLength(2);
    const [bars, line] = charts.created;
    expect(bars?.update).toHaveBeenCalled();
    expect(bars?.data.labels).toEqual(['12:00 AM', '01:00 AM']);
    expect(bars?.data.datasets[0]?.data).toEqual([4, 7]);

    view.unmount();
    expect(bars?.destroy).toHaveBeenCalledOnce();
    expect(line?.destroy).toHaveBeenCalledOnce();
  });
});

describe('workload charts without a 2D canvas', () => {
  it('shows only the tables, without errors', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const errors = vi.spyOn(console, 'error');
    renderInDesk(<KpiCharts hours={hours([3])} timeZone="UTC" />, { session: session() });

    await waitFor(() => expect(screen.queryAllByRole('img')).toHaveLength(0));
    expect(screen.getByRole('table', { name: 'Incoming vs solved per hour' }).parentElement?.className).toBe('supervisor-chart__table');
    expect(charts.created).toHaveLength(0);
    expect(errors).not.toHaveBeenCalled();
  });
});
