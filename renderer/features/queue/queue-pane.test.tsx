// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { fixedAgentDirectory, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { useUiStore } from '../../state/ui-store';
import { QueuePane } from './queue-pane';

beforeEach(resetUiState);
afterEach(cleanup);

const mine = makeTicket({ number: 2001, subject: 'Mail is slow', assigneeId: TEST_AGENT.id, status: 'in_progress', priority: 'urgent' });
const unassigned = makeTicket({ number: 2002, subject: 'New laptop', hasPendingChanges: true, createdAt: Date.now() - 3 * 3_600_000 });
const closed = makeTicket({ number: 2003, subject: 'Old issue', status: 'closed', assigneeId: TEST_AGENT.id });

const rowNumbers = () => screen.queryAllByTestId('queue-row').map((row) => within(row).getByText(/^#\d+$/).textContent);

describe('queue', () => {
  it('switches between My tickets, Unassigned and All, open tickets by default', () => {
    const { session } = createFakeDeskSession({ tickets: [mine, unassigned, closed] });
    renderInDesk(<QueuePane />, { session });

    expect((screen.getByLabelText('Status filter') as HTMLSelectElement).value).toBe('open');
    expect(rowNumbers()).toEqual(['#2001']);

    fireEvent.click(screen.getByRole('button', { name: 'Unassigned' }));
    expect(rowNumbers()).toEqual(['#2002']);

    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(rowNumbers()).toEqual(['#2001', '#2002']);

    fireEvent.change(screen.getByLabelText('Status filter'), { target: { value: 'any' } });
    expect(rowNumbers()).toEqual(['#2001', '#2002', '#2003']);

    fireEvent.change(screen.getByLabelText('Status filter'), { target: { value: 'closed' } });
    expect(rowNumbers()).toEqual(['#2003']);

    fireEvent.click(screen.getByRole('button', { name: 'My tickets' }));
    expect(screen.getByRole('button', { name: 'My tickets' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows number, subject, status, priority, requester, age and a pending marker; a click selects', () => {
    const { session } = createFakeDeskSession({ tickets: [mine, unassigned] });
    renderInDesk(<QueuePane />, { session });
    fireEvent.click(screen.getByRole('button', { name: 'All' }));

    const [first, second] = screen.getAllByTestId('queue-row');
    expect(first!.textContent).toContain('Mail is slow');
    expect(first!.textContent).toContain('In Progress');
    expect(first!.textContent).toContain('Urgent');
    expect(first!.textContent).toContain('Bob Customer');
    expect(first!.textContent).toContain('5 minutes ago');
    expect(within(first!).queryByTestId('pending-marker')).toBeNull();
    expect(second!.textContent).toContain('3 hours ago');
    expect(within(second!).getByTestId('pending-marker')).toBeTruthy();

    fireEvent.click(second!);
    expect(useUiStore.getState().selectedTicketId).toBe(unassigned.id);
    expect(screen.getAllByTestId('queue-row')[1]!.getAttribute('aria-current')).toBe('true');
  });

  it("names a colleague who holds a ticket, but not the agent's own tickets", () => {
    const ivan = { id: '00000000-0000-4000-8000-0000000000c1', name: 'Ivan Petrov', role: 'agent' as const, level: 2 as const, active: true };
    const theirs = makeTicket({ number: 2004, assigneeId: ivan.id, status: 'in_progress' });
    const { session } = createFakeDeskSession({ tickets: [mine, theirs, unassigned] });
    renderInDesk(<QueuePane />, { session, directory: fixedAgentDirectory([ivan]) });
    fireEvent.click(screen.getByRole('button', { name: 'All' }));

    const assignees = screen.getAllByTestId('queue-row').map((row) => within(row).queryByTestId('queue-row-assignee')?.textContent ?? null);
    expect(assignees).toEqual([null, 'Assigned to Ivan Petrov', null]);
  });

  it("shows colleagues viewing a ticket as avatars in that ticket's row, a typing one marked", () => {
    const fake = createFakeDeskSession({ tickets: [mine, unassigned] });
    renderInDesk(<QueuePane />, { session: fake.session });
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(screen.queryAllByTestId('row-viewers')).toEqual([]);

    act(() =>
      fake.viewers.next([
        { ticketId: mine.id, agentId: 'a', name: 'Anna Petrova', typing: true },
        { ticketId: unassigned.id, agentId: 'b', name: 'Boris', typing: false },
        { ticketId: mine.id, agentId: 'c', name: 'Clara Nowak', typing: false },
      ]),
    );
    const [first, second] = screen.getAllByTestId('queue-row');
    const firstViewers = within(first!).getByTestId('row-viewers');
    expect(within(firstViewers).getAllByTestId('viewer-avatar').map((a) => [a.textContent, a.getAttribute('data-typing')])).toEqual([
      ['AP', 'true'],
      ['CN', 'false'],
    ]);
    expect(firstViewers.getAttribute('title')).toBe('Also here: Anna Petrova (typing) and Clara Nowak');
    // The row is a button: the names join its accessible name as text.
    expect(first!.textContent).toContain('Also here: Anna Petrova (typing) and Clara Nowak');
    expect(within(second!).getAllByTestId('viewer-avatar').map((a) => a.textContent)).toEqual(['B']);

    act(() => fake.viewers.next([]));
    expect(screen.queryAllByTestId('row-viewers')).toEqual([]);
  });

  it('collapses more than three viewers into +N', () => {
    const fake = createFakeDeskSession({ tickets: [mine] });
    fake.viewers.next(['Anna', 'Boris', 'Clara', 'Dmitri', 'Eva'].map((name) => ({ ticketId: mine.id, agentId: name, name, typing: false })));
    renderInDesk(<QueuePane />, { session: fake.session });
    const row = screen.getByTestId('row-viewers');
    expect(within(row).getAllByTestId('viewer-avatar')).toHaveLength(3);
    expect(row.textContent).toContain('+2');
    expect(row.getAttribute('title')).toBe('Also here: Anna, Boris, and 3 others');
  });
});
