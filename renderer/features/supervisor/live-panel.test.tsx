// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { createFakeDeskApi, fixedAgentDirectory, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { SessionAgent } from '../../sync/desk-session';
import { SupervisorScreen } from './supervisor-screen';
import { resetSupervisorView } from './supervisor-view-store';
import { BILLING_ID, GROUPS, makeAgentKpi, makeSnapshot, makeTeamKpi, NETWORK_ID } from './supervisor-testing';
import { TICKET_DRAG_TYPE } from './ticket-drag';

const SUPERVISOR: SessionAgent = { ...TEST_AGENT, id: '00000000-0000-4000-8000-0000000000b1', name: 'Sam Supervisor', role: 'supervisor', level: 3 };
const LEE_ID = '00000000-0000-4000-8000-0000000000e1';
const KIM_ID = '00000000-0000-4000-8000-0000000000e2';
const MIN = 60_000;
const HOUR = 60 * MIN;

const lee = makeAgentKpi({
  agentId: LEE_ID,
  name: 'Lee',
  presence: 'online',
  load: 6,
  capacity: 10,
  memberships: [{ groupId: NETWORK_ID, level: 1, capacity: 10 }],
  openByStatus: { new: 1, in_progress: 4, waiting_for_customer: 2, hold: 0, fixed: 1 },
  firstResponseToday: { count: 3, medianMs: 12 * MIN, meanMs: 14 * MIN },
  solvedToday: 5,
  assignedToday: 7,
});
const kim = makeAgentKpi({
  agentId: KIM_ID,
  name: 'Kim',
  presence: 'away',
  load: 4.5,
  capacity: 5,
  memberships: [{ groupId: BILLING_ID, level: 2, capacity: 5 }],
  openByStatus: { new: 0, in_progress: 3, waiting_for_customer: 0, hold: 1, fixed: 0 },
});

function teams(now: number) {
  const dayStart = now - 3 * HOUR - MIN;
  return [
    makeTeamKpi({
      groupId: NETWORK_ID,
      level: 1,
      backlogByStatus: { new: 3, in_progress: 4, waiting_for_customer: 2, hold: 0, fixed: 1 },
      unassigned: 3,
      oldestUnassignedSince: now - 65 * MIN,
      predictedBreaches: [{ ticketId: 'x', number: 1201, dueAt: now + 20 * MIN, clock: 'first_response' }],
      hours: [
        { hourStart: dayStart, incomingByChannel: { email: 5, phone: 1 }, solved: 2, selfSolved: 0, firstResponses: 2, firstResponseTotalMs: 30 * MIN },
        { hourStart: dayStart + HOUR, incomingByChannel: { portal: 3 }, solved: 4, selfSolved: 3, firstResponses: 1, firstResponseTotalMs: 9 * MIN },
      ],
    }),
    makeTeamKpi({
      groupId: BILLING_ID,
      level: 2,
      backlogByStatus: { new: 1, in_progress: 3, waiting_for_customer: 0, hold: 1, fixed: 0 },
      unassigned: 1,
      oldestUnassignedSince: now - 10 * MIN,
      hours: [{ hourStart: dayStart, incomingByChannel: { email: 2 }, solved: 1, selfSolved: 0, firstResponses: 0, firstResponseTotalMs: 0 }],
    }),
  ];
}

function setup(options: { tickets?: ReturnType<typeof makeTicket>[] } = {}) {
  const fake = createFakeDeskSession({ agent: SUPERVISOR, tickets: options.tickets });
  const api = createFakeDeskApi({ loadGroups: vi.fn(async () => GROUPS) });
  renderInDesk(<SupervisorScreen />, { session: fake.session, api });
  return fake;
}

const row = (name: string) => screen.getByRole('listitem', { name });
const rowNames = () => screen.getAllByTestId('agent-row').map((element) => within(element).getByRole('heading').textContent);
const tile = (id: string) => screen.getByTestId(`tile-${id}`).textContent;

beforeEach(() => {
  resetUiState();
  resetSupervisorView();
  // jsdom has no 2D canvas: the charts fall back to their tables (and must not log errors).
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('live workload panel', () => {
  it("shows each agent's presence, load against capacity, first response median and open work", () => {
    const fake = setup();
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));

    const leeRow = within(row('Lee'));
    expect(leeRow.getByTestId('presence').dataset.presence).toBe('online');
    expect(leeRow.getByText('Available')).toBeTruthy();
    expect(leeRow.getByTestId('agent-load').textContent).toBe('6 / 10');
    const meter = leeRow.getByRole('meter', { name: 'Load of Lee' });
    expect(meter.getAttribute('aria-valuenow')).toBe('6');
    expect(meter.getAttribute('aria-valuemax')).toBe('10');
    expect(leeRow.getByTestId('agent-frt').textContent).toBe('12 min');
    expect(leeRow.getByTestId('agent-solved').textContent).toBe('5');
    expect(leeRow.getByTestId('agent-assigned').textContent).toBe('7');
    expect(leeRow.getByTestId('agent-open').textContent).toBe('New 1In Progress 4Waiting for Customer 2Hold 0Fixed 1');

    const kimRow = within(row('Kim'));
    expect(kimRow.getByTestId('presence').dataset.presence).toBe('away');
    expect(kimRow.getByTestId('agent-load').textContent).toBe('4.5 / 5');
    expect(kimRow.getByTestId('agent-frt').textContent).toBe('—');
  });

  it('moves a row when a new snapshot arrives', () => {
    const fake = setup();
    const now = Date.now();
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(now))));
    expect(within(row('Lee')).getByTestId('agent-load').textContent).toBe('6 / 10');

    act(() => fake.kpi.next(makeSnapshot([{ ...lee, load: 8, presence: 'away', openByStatus: { ...lee.openByStatus, new: 3 } }, kim], teams(now))));
    expect(within(row('Lee')).getByTestId('agent-load').textContent).toBe('8 / 10');
    expect(within(row('Lee')).getByRole('meter').getAttribute('aria-valuenow')).toBe('8');
    expect(within(row('Lee')).getByTestId('presence').dataset.presence).toBe('away');
    expect(within(row('Lee')).getByTestId('agent-open').textContent).toContain('New 3');
  });

  it('sums the team tiles over every group and line, with the oldest wait as an age', () => {
    const fake = setup();
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));
    expect(tile('backlog')).toBe('15');
    expect(tile('unassigned')).toBe('4');
    expect(tile('oldest-wait')).toBe('1 h 5 min');
    expect(tile('predicted-breaches')).toBe('1');
    expect(screen.getByText(/^#1201 First response due/)).toBeTruthy();
    expect(tile('incoming-today')).toBe('11');
    expect(tile('solved-today')).toBe('7');
    // Customers solved 3 themselves: 3 of the 10 resolutions.
    expect(screen.getByTestId('tile-self-solved-today').textContent).toBe('3');
    expect(screen.getByTestId('tile-self-solved-today').parentElement?.textContent).toContain('Deflection 30%');
    expect(tile('first-response-today')).toBe('13 min');
  });

  it('narrows rows and tiles to the chosen group, then to the chosen line', async () => {
    const fake = setup();
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));
    const groupSelect = screen.getByRole('combobox', { name: 'Group' });
    await screen.findByRole('option', { name: 'Billing' });

    fireEvent.change(groupSelect, { target: { value: BILLING_ID } });
    expect(rowNames()).toEqual(['Kim']);
    expect(tile('backlog')).toBe('5');
    expect(tile('unassigned')).toBe('1');
    expect(tile('oldest-wait')).toBe('10 min');
    expect(tile('predicted-breaches')).toBe('0');

    fireEvent.change(groupSelect, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Line' }), { target: { value: '1' } });
    expect(rowNames()).toEqual(['Lee']);
    expect(tile('backlog')).toBe('10');
    expect(tile('unassigned')).toBe('3');
  });

  it('sorts the rows by load against capacity, busiest first', () => {
    const fake = setup();
    const idle = makeAgentKpi({ agentId: '00000000-0000-4000-8000-0000000000e3', name: 'Ada', load: 1, capacity: 10 });
    act(() => fake.kpi.next(makeSnapshot([lee, kim, idle], teams(Date.now()))));
    expect(rowNames()).toEqual(['Ada', 'Kim', 'Lee']);

    fireEvent.change(screen.getByRole('combobox', { name: 'Sort agents by' }), { target: { value: 'load' } });
    expect(rowNames()).toEqual(['Kim', 'Lee', 'Ada']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Order' }), { target: { value: 'ascending' } });
    expect(rowNames()).toEqual(['Ada', 'Lee', 'Kim']);
  });

  it('shows no figures while there is no live snapshot, and says why', () => {
    const fake = setup();
    expect(screen.getByTestId('live-waiting').textContent).toBe('Waiting for live figures…');
    act(() => fake.kpi.next(makeSnapshot([lee], teams(Date.now()))));
    expect(screen.queryByTestId('live-waiting')).toBeNull();

    // Disconnected: the session emits null; the old figures must not stay on screen.
    act(() => {
      fake.connection.next({ status: 'offline', pending: 0, refusal: null });
      fake.kpi.next(null);
    });
    expect(screen.queryAllByTestId('agent-row')).toHaveLength(0);
    expect(screen.queryByTestId('tile-backlog')).toBeNull();
    expect(screen.getByTestId('live-waiting').textContent).toMatch(/^Offline: live figures return/);
  });

  it("puts each hour's figures in the charts' tables", () => {
    const fake = setup();
    const now = Date.UTC(2025, 2, 12, 3, 1);
    const snapshot = { ...makeSnapshot([lee], teams(now), now), dayStart: Date.UTC(2025, 2, 12), timeZone: 'UTC' };
    // The hour buckets of `teams` start at now - 3 h 1 min = 00:00 UTC.
    act(() => fake.kpi.next(snapshot));

    const incoming = screen.getByRole('table', { name: 'Incoming vs solved per hour' });
    const incomingRows = within(incoming).getAllByRole('row').map((tr) => Array.from(tr.children).map((cell) => cell.textContent));
    expect(incomingRows).toEqual([
      ['Hour', 'Incoming', 'Solved'],
      ['12:00 AM', '8', '3'],
      ['01:00 AM', '3', '4'],
      ['02:00 AM', '0', '0'],
      ['03:00 AM', '0', '0'],
    ]);
    const response = screen.getByRole('table', { name: 'First response time over the day' });
    const responseRows = within(response).getAllByRole('row').map((tr) => Array.from(tr.children).map((cell) => cell.textContent));
    expect(responseRows.slice(0, 3)).toEqual([
      ['Hour', 'First responses', 'Mean first response (minutes)'],
      ['12:00 AM', '2', '15.0'],
      ['01:00 AM', '1', '9.0'],
    ]);
    // No 2D context here: no canvas is left half-drawn.
    expect(screen.queryByRole('img', { name: /Incoming vs solved per hour/ })).toBeNull();
  });
});

describe('reassigning from the panel', () => {
  const waiting = makeTicket({ number: 1301, subject: 'VPN down', groupId: NETWORK_ID, level: 1, assigneeId: null });
  const held = makeTicket({ number: 1302, subject: 'Invoice copy', groupId: BILLING_ID, level: 2, assigneeId: KIM_ID, status: 'in_progress' });

  it('lists open tickets in scope, unassigned first', () => {
    const fake = setup({ tickets: [held, waiting] });
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));
    const cards = screen.getAllByTestId('ticket-card');
    expect(cards.map((card) => card.dataset.ticketId)).toEqual([waiting.id, held.id]);
    expect(within(cards[1] as HTMLElement).getByText('Assigned to Kim')).toBeTruthy();
    expect(cards[0]?.getAttribute('draggable')).toBe('true');
  });

  it('records an assignment to the agent a ticket card is dropped on, and announces it', async () => {
    const fake = setup({ tickets: [held, waiting] });
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));

    const store = new Map<string, string>();
    const dataTransfer = {
      setData: vi.fn((type: string, value: string) => store.set(type, value)),
      getData: vi.fn((type: string) => store.get(type) ?? ''),
      get types() {
        return [...store.keys()];
      },
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    const card = screen.getAllByTestId('ticket-card')[0] as HTMLElement;
    fireEvent.dragStart(card, { dataTransfer });
    expect(store.get(TICKET_DRAG_TYPE)).toBe(waiting.id);

    const target = row('Lee');
    fireEvent.dragOver(target, { dataTransfer });
    await act(async () => {
      fireEvent.drop(target, { dataTransfer });
    });

    expect(fake.record).toHaveBeenCalledExactlyOnceWith({ ticketId: waiting.id, type: 'assign', payload: { assigneeId: LEE_ID } });
    const status = screen.getByTestId('reassign-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Ticket #1301 reassigned to Lee');
  });

  it('ignores drops that carry no ticket', async () => {
    const fake = setup({ tickets: [waiting] });
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));
    await act(async () => {
      fireEvent.drop(row('Lee'), { dataTransfer: { getData: () => '', types: ['text/plain'] } });
    });
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('reassigns from the keyboard menu as well', async () => {
    const fake = setup({ tickets: [held, waiting] });
    act(() => fake.kpi.next(makeSnapshot([lee, kim], teams(Date.now()))));

    const form = within(screen.getByRole('form', { name: 'Reassign ticket #1302' }));
    const button = form.getByRole('button', { name: 'Reassign' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    // The current assignee cannot be chosen again.
    expect((form.getByRole('option', { name: 'Kim' }) as HTMLOptionElement).disabled).toBe(true);
    fireEvent.change(form.getByRole('combobox', { name: 'Reassign #1302 to' }), { target: { value: LEE_ID } });
    await act(async () => {
      fireEvent.click(button);
    });

    expect(fake.record).toHaveBeenCalledExactlyOnceWith({ ticketId: held.id, type: 'assign', payload: { assigneeId: LEE_ID } });
    expect(screen.getByTestId('reassign-status').textContent).toBe('Ticket #1302 reassigned to Lee');
  });

  it('keeps the tickets and the menu offline, offering the active agents the directory knows', async () => {
    const fake = createFakeDeskSession({ agent: SUPERVISOR, tickets: [waiting], connection: { status: 'offline' } });
    renderInDesk(<SupervisorScreen />, {
      session: fake.session,
      api: createFakeDeskApi(),
      directory: fixedAgentDirectory([
        { id: LEE_ID, name: 'Lee', role: 'agent', level: 1, active: true },
        { id: KIM_ID, name: 'Kim', role: 'agent', level: 2, active: false },
      ]),
    });
    expect(screen.getByText(/^Offline: reassignments are kept/)).toBeTruthy();
    const menu = screen.getByRole('combobox', { name: 'Reassign #1301 to' });
    expect(within(menu).getAllByRole('option').map((option) => option.textContent)).toEqual(['Choose an agent…', 'Lee']);
    fireEvent.change(menu, { target: { value: LEE_ID } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Reassign' }));
    });
    expect(fake.record).toHaveBeenCalledExactlyOnceWith({ ticketId: waiting.id, type: 'assign', payload: { assigneeId: LEE_ID } });
  });
});
