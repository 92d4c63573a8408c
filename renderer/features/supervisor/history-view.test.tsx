// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KpiHistory, KpiHistoryQuery } from '../../../core';
import { createFakeDeskSession, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { i18n } from '../../i18n/i18n';
import type { ConnectionStatus, SessionAgent } from '../../sync/desk-session';
import { historyCsv } from './history-csv';
import { SupervisorScreen } from './supervisor-screen';
import { resetSupervisorView } from './supervisor-view-store';
import { GROUPS, NETWORK_ID } from './supervisor-testing';

const SUPERVISOR: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000b1', name: 'Sam Supervisor', role: 'supervisor', level: 3 };
const MIN = 60_000;

const HISTORY: KpiHistory = {
  from: 0,
  to: 1,
  timeZone: 'UTC',
  agents: [
    {
      agentId: '00000000-0000-4000-8000-0000000000e1',
      name: 'Lee',
      assigned: 9,
      solved: 7,
      firstResponse: { count: 7, medianMs: 12 * MIN, meanMs: 65 * MIN },
      resolution: { count: 7, medianMs: 125 * MIN, meanMs: 180 * MIN },
      reopens: { part: 1, whole: 8, share: 0.125 },
      csat: { count: 4, average: 4.25 },
      slaBreaches: { part: 0, whole: 7, share: 0 },
    },
    {
      agentId: '00000000-0000-4000-8000-0000000000e2',
      name: 'Kim',
      assigned: 2,
      solved: 0,
      firstResponse: { count: 0, medianMs: null, meanMs: null },
      resolution: { count: 0, medianMs: null, meanMs: null },
      reopens: { part: 0, whole: 0, share: null },
      csat: { count: 0, average: null },
      slaBreaches: { part: 0, whole: 0, share: null },
    },
  ],
  team: {
    incoming: 14,
    incomingByChannel: { email: 10, phone: 4 },
    solved: 7,
    selfSolved: 3,
    deflection: { part: 3, whole: 10, share: 0.3 },
    firstResponse: { count: 7, medianMs: 12 * MIN, meanMs: 65 * MIN },
    resolution: { count: 7, medianMs: 125 * MIN, meanMs: 180 * MIN },
    reopens: { part: 1, whole: 8, share: 0.125 },
    csat: { count: 4, average: 4.25 },
    slaBreaches: { part: 0, whole: 7, share: 0 },
    days: [],
  },
};

// Expected periods come from local midnights computed here the same way: any time zone passes.
const NOW = new Date(2025, 2, 12, 15, 30);
const midnight = (day: number, month = 2) => new Date(2025, month, day).getTime();

function setup(options: { loadKpiHistory?: (query: KpiHistoryQuery) => Promise<KpiHistory>; connection?: ConnectionStatus } = {}) {
  const loadKpiHistory = vi.fn(options.loadKpiHistory ?? (async () => HISTORY));
  const fake = createFakeDeskSession({ agent: SUPERVISOR, connection: { status: options.connection ?? 'online' } });
  renderInDesk(<SupervisorScreen />, { session: fake.session, api: createFakeDeskApi({ loadKpiHistory, loadGroups: async () => GROUPS }) });
  fireEvent.click(screen.getByRole('tab', { name: 'History' }));
  return { fake, loadKpiHistory };
}

const queries = (mock: ReturnType<typeof setup>['loadKpiHistory']) => mock.mock.calls.map(([query]) => query);

beforeEach(() => {
  resetUiState();
  resetSupervisorView();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('KPI history', () => {
  it('asks for today, then the last 7 and 30 days, from local midnight to the midnight after today', async () => {
    const { loadKpiHistory } = setup();
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    await screen.findByRole('table', { name: /^KPIs per agent/ });
    expect(queries(loadKpiHistory)).toEqual([{ from: midnight(12), to: midnight(13) }]);

    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    fireEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() => expect(loadKpiHistory).toHaveBeenCalledTimes(3));
    expect(queries(loadKpiHistory).slice(1)).toEqual([
      { from: midnight(6), to: midnight(13) },
      { from: midnight(11, 1), to: midnight(13) },
    ]);
    expect(screen.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('asks for a custom period of whole local days, within the chosen group and line', async () => {
    const { loadKpiHistory } = setup();
    await screen.findByRole('option', { name: 'Network' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Group' }), { target: { value: NETWORK_ID } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Line' }), { target: { value: '2' } });

    fireEvent.click(screen.getByRole('button', { name: 'Custom' }));
    // The custom inputs start from the period on screen (today).
    expect((screen.getByLabelText('First day') as HTMLInputElement).value).toBe('2025-03-12');
    fireEvent.change(screen.getByLabelText('First day'), { target: { value: '2025-03-01' } });
    fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2025-03-07' } });

    await waitFor(() => expect(queries(loadKpiHistory).at(-1)).toEqual({ from: midnight(1), to: midnight(8), groupId: NETWORK_ID, level: 2 }));

    fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2025-02-27' } });
    expect(screen.getByText(/^Choose a first day on or before the last day/)).toBeTruthy();
  });

  it('shows a row per agent and the team total', async () => {
    setup();
    const table = await screen.findByRole('table', { name: /^KPIs per agent/ });
    const cells = (name: string) =>
      Array.from(within(table).getByRole('rowheader', { name }).closest('tr')?.children ?? []).map((cell) => cell.textContent);
    expect(cells('Lee')).toEqual(['Lee', '9', '7', '12 min', '1 h 5 min', '2 h 5 min', '3 h', '12.5%', '4.3 (ratings: 4)', '0%']);
    expect(cells('Kim')).toEqual(['Kim', '2', '0', '—', '—', '—', '—', '—', '—', '—']);
    expect(cells('Team total')).toEqual(['Team total', '11', '7', '12 min', '1 h 5 min', '2 h 5 min', '3 h', '12.5%', '4.3 (ratings: 4)', '0%']);
    expect(screen.getByTestId('history-incoming').textContent).toBe('Incoming tickets: 14 · Email 10 · Phone 4');
  });

  it('exports the table as a CSV download', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:tierdesk/kpi');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('tierdesk-kpi-2025-03-12-2025-03-12.csv');
      expect(this.href).toBe('blob:tierdesk/kpi');
    });
    setup();
    await screen.findByRole('table', { name: /^KPIs per agent/ });

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(click).toHaveBeenCalledOnce();
    expect(createObjectURL).toHaveBeenCalledOnce();
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toMatch(/^text\/csv/);
    // A UTF-8 byte order mark first (spreadsheets need it for Cyrillic), then the table.
    expect([...new Uint8Array(await blob.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await blob.text()).toBe(historyCsv(i18n.t, HISTORY));
  });

  it('says when the figures could not be loaded, and tries again on request', async () => {
    let fail = true;
    const { loadKpiHistory } = setup({
      loadKpiHistory: async () => {
        if (fail) throw new Error('HTTP 503');
        return HISTORY;
      },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the figures: HTTP 503');
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);

    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('table', { name: /^KPIs per agent/ });
    expect(loadKpiHistory).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('waits for the connection offline, then loads when it returns', async () => {
    const { fake, loadKpiHistory } = setup({ connection: 'offline' });
    expect(screen.getByText(/^History needs a connection to the server/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(loadKpiHistory).not.toHaveBeenCalled();

    act(() => fake.connection.next({ status: 'online', pending: 0, refusal: null }));
    await screen.findByRole('table', { name: /^KPIs per agent/ });
    expect(loadKpiHistory).toHaveBeenCalledOnce();
  });
});
