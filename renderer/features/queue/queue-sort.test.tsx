// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useQueueSort } from '../../state/queue-sort';
import type { TicketView } from '../../sync/desk-session';
import { QueuePane } from './queue-pane';

beforeEach(resetUiState);
afterEach(cleanup);

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A ticket of mine whose clocks started `startedAgo` ago (4 h first-response target), running. */
function runningFor(number: number, priority: TicketView['priority'], startedAgo: number): TicketView {
  const base = makeTicket({ number, priority, assigneeId: TEST_AGENT.id, status: 'in_progress' });
  const since = Date.now() - startedAgo;
  return { ...base, sla: { ...base.sla, runningSince: since, firstResponseDueAt: since + 4 * HOUR, resolutionDueAt: since + 27 * HOUR } };
}

const rowNumbers = () => screen.getAllByTestId('queue-row').map((row) => within(row).getByText(/^#\d+$/).textContent);
const rowStates = () => screen.getAllByTestId('sla-indicator').map((indicator) => indicator.getAttribute('data-sla'));

describe('queue sort', () => {
  // The session's order (as the fake gives it): urgent first, whatever the clocks say.
  const urgentFresh = runningFor(3001, 'urgent', 10 * MIN);
  const onHold = { ...makeTicket({ number: 3002, priority: 'high', assigneeId: TEST_AGENT.id, status: 'hold' }) };
  const normalOverdue = runningFor(3003, 'normal', 5 * HOUR);
  const lowWarning = runningFor(3004, 'low', 3 * HOUR + 30 * MIN);
  const tickets = [urgentFresh, onHold, normalOverdue, lowWarning];

  it('keeps the priority order by default and sorts by time left on request, overdue first and paused last', () => {
    const { session } = createFakeDeskSession({ tickets });
    renderInDesk(<QueuePane />, { session });

    const sort = screen.getByLabelText('Sort') as HTMLSelectElement;
    expect(sort.value).toBe('priority');
    expect([...sort.options].map((option) => option.textContent)).toEqual(['Priority', 'Time left']);
    expect(rowNumbers()).toEqual(['#3001', '#3002', '#3003', '#3004']);
    expect(rowStates()).toEqual(['ok', 'paused', 'overdue', 'warning']);

    fireEvent.change(sort, { target: { value: 'time_left' } });
    expect(rowNumbers()).toEqual(['#3003', '#3004', '#3001', '#3002']);

    fireEvent.change(sort, { target: { value: 'priority' } });
    expect(rowNumbers()).toEqual(['#3001', '#3002', '#3003', '#3004']);
  });

  it('remembers the choice across reloads, like the other queue preferences', async () => {
    const { session } = createFakeDeskSession({ tickets });
    renderInDesk(<QueuePane />, { session });
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'time_left' } });

    const raw = localStorage.getItem('tierdesk.queue-sort') ?? '{}';
    expect((JSON.parse(raw) as { state: unknown }).state).toEqual({ sort: 'time_left' });

    // A reload: fresh in-memory state, then the store rehydrates from what localStorage kept.
    useQueueSort.setState({ sort: 'priority' });
    localStorage.setItem('tierdesk.queue-sort', raw);
    await useQueueSort.persist.rehydrate();
    expect(useQueueSort.getState().sort).toBe('time_left');
  });
});
