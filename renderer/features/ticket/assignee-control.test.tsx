// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryAgent } from '../../api/directory';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { fixedAgentDirectory, renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { SessionAgent } from '../../sync/desk-session';
import { createAgentDirectory } from '../directory/agent-directory';
import { directoryCacheKey, writeCachedDirectory } from '../directory/directory-cache';
import { TicketPane } from './ticket-pane';

beforeEach(resetUiState);
afterEach(cleanup);

const SUPERVISOR: SessionAgent = {
  id: '00000000-0000-4000-8000-0000000000b1',
  name: 'Sam Supervisor',
  email: 'sam@example.com',
  role: 'supervisor',
  level: 3,
};
const IVAN: DirectoryAgent = { id: '00000000-0000-4000-8000-0000000000c1', name: 'Ivan Petrov', role: 'agent', level: 2, active: true };
const ANNA: DirectoryAgent = { id: '00000000-0000-4000-8000-0000000000c2', name: 'Anna Nowak', role: 'agent', level: 1, active: true };
const GONE: DirectoryAgent = { id: '00000000-0000-4000-8000-0000000000c3', name: 'Gone Agent', role: 'agent', level: 1, active: false };
const DIRECTORY: DirectoryAgent[] = [
  IVAN,
  GONE,
  ANNA,
  { id: TEST_AGENT.id, name: TEST_AGENT.name, role: 'agent', level: 1, active: true },
  { id: SUPERVISOR.id, name: SUPERVISOR.name, role: 'supervisor', level: 3, active: true },
];

const optionLabels = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('assigning a ticket as a supervisor', () => {
  it('offers Unassigned plus the active agents by name, and records the chosen assignee', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: IVAN.id });
    const fake = createFakeDeskSession({ agent: SUPERVISOR, tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session, directory: fixedAgentDirectory(DIRECTORY) });

    const select = screen.getByLabelText('Assignee') as HTMLSelectElement;
    expect(optionLabels(select)).toEqual(['Unassigned', 'Alice Agent · L1', 'Anna Nowak · L1', 'Ivan Petrov · L2', 'Sam Supervisor · L3']);
    expect(select.value).toBe(IVAN.id);
    expect(screen.getByTestId('ticket-assignee').textContent).toBe('Ivan Petrov');

    fireEvent.change(select, { target: { value: ANNA.id } });
    await waitFor(() => expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'assign', payload: { assigneeId: ANNA.id } }));

    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(fake.record).toHaveBeenLastCalledWith({ ticketId: ticket.id, type: 'assign', payload: { assigneeId: null } }));
  });

  it('still shows a deactivated current assignee, and hides the control on closed and canceled tickets', () => {
    const ticket = makeTicket({ status: 'hold', assigneeId: GONE.id });
    const fake = createFakeDeskSession({ agent: SUPERVISOR, tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session, directory: fixedAgentDirectory(DIRECTORY) });

    const select = screen.getByLabelText('Assignee') as HTMLSelectElement;
    expect(select.value).toBe(GONE.id);
    expect(select.selectedOptions[0]?.textContent).toBe('Gone Agent (inactive)');

    act(() => fake.tickets.next([{ ...ticket, status: 'closed' }]));
    expect(screen.queryByLabelText('Assignee')).toBeNull();
    act(() => fake.tickets.next([{ ...ticket, status: 'canceled', duplicateOf: 1 }]));
    expect(screen.queryByLabelText('Assignee')).toBeNull();
    expect(fake.record).not.toHaveBeenCalled();
  });
});

describe('assignment as an agent', () => {
  it('shows no Assignee select, and Give back to queue only on their own open ticket', async () => {
    const mine = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [mine] });
    renderInDesk(<TicketPane ticketId={mine.id} />, { session: fake.session, directory: fixedAgentDirectory(DIRECTORY) });

    expect(screen.queryByLabelText('Assignee')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Give back to queue' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalledWith({ ticketId: mine.id, type: 'assign', payload: { assigneeId: null } }));

    act(() => fake.tickets.next([{ ...mine, assigneeId: IVAN.id }]));
    expect(screen.queryByRole('button', { name: 'Give back to queue' })).toBeNull();
    act(() => fake.tickets.next([{ ...mine, assigneeId: null, status: 'new' }]));
    expect(screen.queryByRole('button', { name: 'Give back to queue' })).toBeNull();
    act(() => fake.tickets.next([{ ...mine, status: 'closed' }]));
    expect(screen.queryByRole('button', { name: 'Give back to queue' })).toBeNull();
    expect(screen.queryByLabelText('Assignee')).toBeNull();
  });
});

describe('assignee names', () => {
  it("shows a colleague's name from the cached directory while the server cannot be reached", async () => {
    const serverUrl = 'http://desk.test';
    writeCachedDirectory(localStorage, directoryCacheKey(serverUrl, TEST_AGENT.id), DIRECTORY);
    const ticket = makeTicket({ status: 'in_progress', assigneeId: IVAN.id });
    const fake = createFakeDeskSession({ tickets: [ticket], connection: { status: 'online' } });
    const fetchAgents = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    const directory = createAgentDirectory(
      { serverUrl, token: 'token-1', agent: TEST_AGENT, connection$: fake.session.connection$ },
      { fetchAgents, storage: localStorage },
    );
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session, directory });

    await waitFor(() => expect(fetchAgents).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('ticket-assignee').textContent).toBe('Ivan Petrov');
    directory.close();
  });

  it('falls back to "Another agent" when the directory does not know the assignee', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: '00000000-0000-4000-8000-0000000000ff' });
    const { session } = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session, directory: fixedAgentDirectory(DIRECTORY) });

    expect(screen.getByTestId('ticket-assignee').textContent).toBe('Another agent');
  });
});
