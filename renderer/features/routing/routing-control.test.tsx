// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../api/desk-api';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { ConnectionStatus, SessionAgent, TicketView } from '../../sync/desk-session';
import { groupCacheKey, readCachedGroups, writeCachedGroups } from './group-cache';
import { BILLING, GENERAL, groupsApi, NETWORK, OTHER_AGENT_ID, SUPERVISOR } from './routing-testing';
import { TicketRouting } from './ticket-routing';

beforeEach(resetUiState);
afterEach(cleanup);

/** renderInDesk's fake platform answers this server address. */
const CACHE_KEY = groupCacheKey('http://desk.test', SUPERVISOR.id);

function show(ticket: TicketView, { agent = SUPERVISOR, api, status = 'online' }: { agent?: SessionAgent; api: DeskApi; status?: ConnectionStatus }) {
  const fake = createFakeDeskSession({ agent, tickets: [ticket], connection: { status } });
  const view = renderInDesk(<TicketRouting ticket={ticket} />, { session: fake.session, api });
  return { fake, view };
}

const optionLabels = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);
const groupSelect = () => screen.getByLabelText('Group') as HTMLSelectElement;
const lineSelect = () => screen.getByLabelText('Line') as HTMLSelectElement;
const moveButton = () => screen.getByRole('button', { name: 'Move ticket' }) as HTMLButtonElement;

describe('moving a ticket to another group or line', () => {
  it('lists the groups by name, records the chosen group and line on confirm, and explains what happens', async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 1, groupId: NETWORK.id, assigneeId: OTHER_AGENT_ID });
    const { fake } = show(ticket, { api: groupsApi(async () => [NETWORK, GENERAL, BILLING]) });

    await waitFor(() => expect(optionLabels(groupSelect())).toEqual(['Billing', 'General', 'Network']));
    expect(screen.getByTestId('ticket-group').textContent).toBe('Network');
    expect(groupSelect().value).toBe(NETWORK.id);
    expect(lineSelect().value).toBe('1');
    expect(optionLabels(lineSelect())).toEqual(['L1', 'L2', 'L3']);
    expect(screen.getByText('Moving the ticket to another group or line clears its assignee; it is then routed again.')).toBeTruthy();

    // Choosing records nothing: the move waits for confirmation.
    expect(moveButton().disabled).toBe(true);
    fireEvent.change(groupSelect(), { target: { value: BILLING.id } });
    fireEvent.change(lineSelect(), { target: { value: '2' } });
    expect(fake.record).not.toHaveBeenCalled();
    expect(moveButton().disabled).toBe(false);

    fireEvent.click(moveButton());
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setRouting', payload: { groupId: BILLING.id, level: 2 } }),
    );
    // The choice is done: the selects show where the ticket is (the fake session does not move it).
    await waitFor(() => expect(groupSelect().value).toBe(NETWORK.id));
    expect(fake.record).toHaveBeenCalledTimes(1);
  });

  it('keeps Move disabled until something differs, and Undo choice returns to where the ticket is', async () => {
    const ticket = makeTicket({ status: 'new', level: 2, groupId: NETWORK.id });
    const { fake } = show(ticket, { api: groupsApi(async () => [NETWORK, BILLING]) });
    await waitFor(() => expect(optionLabels(groupSelect())).toContain('Billing'));

    fireEvent.change(lineSelect(), { target: { value: '3' } });
    expect(moveButton().disabled).toBe(false);
    fireEvent.change(lineSelect(), { target: { value: '2' } });
    expect(moveButton().disabled).toBe(true);

    fireEvent.change(groupSelect(), { target: { value: BILLING.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Undo choice' }));
    expect(groupSelect().value).toBe(NETWORK.id);
    expect(moveButton().disabled).toBe(true);
    fireEvent.click(moveButton());
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('moves only the line when only the line changes', async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 3, groupId: NETWORK.id });
    const { fake } = show(ticket, { api: groupsApi(async () => [NETWORK]) });
    await waitFor(() => expect(optionLabels(groupSelect())).toEqual(['Network']));

    fireEvent.change(lineSelect(), { target: { value: '1' } });
    fireEvent.click(moveButton());
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setRouting', payload: { groupId: NETWORK.id, level: 1 } }),
    );
  });

  it('needs a group chosen for a ticket that has none', async () => {
    const ticket = makeTicket({ status: 'new', level: 1, groupId: null });
    const { fake } = show(ticket, { api: groupsApi(async () => [NETWORK, BILLING]) });
    await waitFor(() => expect(optionLabels(groupSelect())).toEqual(['No group', 'Billing', 'Network']));
    expect(screen.getByTestId('ticket-group').textContent).toBe('No group');

    fireEvent.change(lineSelect(), { target: { value: '2' } });
    expect(moveButton().disabled).toBe(true);
    fireEvent.change(groupSelect(), { target: { value: NETWORK.id } });
    fireEvent.click(moveButton());
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setRouting', payload: { groupId: NETWORK.id, level: 2 } }),
    );
  });

  it('works offline from the cached group names and still records the move', async () => {
    writeCachedGroups(localStorage, CACHE_KEY, [NETWORK, BILLING]);
    const loadGroups = vi.fn<DeskApi['loadGroups']>(async () => Promise.reject(new TypeError('Failed to fetch')));
    const ticket = makeTicket({ status: 'in_progress', level: 1, groupId: BILLING.id });
    const { fake } = show(ticket, { api: groupsApi(loadGroups), status: 'offline' });

    await waitFor(() => expect(optionLabels(groupSelect())).toEqual(['Billing', 'Network']));
    expect(screen.getByTestId('ticket-group').textContent).toBe('Billing');
    expect(loadGroups).not.toHaveBeenCalled();

    fireEvent.change(groupSelect(), { target: { value: NETWORK.id } });
    expect(screen.getByText('You are offline: the move is recorded now and syncs when the connection returns.')).toBeTruthy();
    fireEvent.click(moveButton());
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setRouting', payload: { groupId: NETWORK.id, level: 1 } }),
    );

    // Back online the server cannot be reached either: the cached names stay.
    act(() => fake.connection.next({ status: 'online', pending: 1, refusal: null }));
    await waitFor(() => expect(loadGroups).toHaveBeenCalledTimes(1));
    expect(optionLabels(groupSelect())).toEqual(['Billing', 'Network']);
    expect(readCachedGroups(localStorage, CACHE_KEY)).toEqual([
      { id: NETWORK.id, name: 'Network' },
      { id: BILLING.id, name: 'Billing' },
    ]);
  });

  it('shows a group the cache does not know as Unknown group, and says when names will load', async () => {
    const ticket = makeTicket({ status: 'in_progress', level: 1, groupId: GENERAL.id });
    show(ticket, { api: groupsApi(async () => Promise.reject(new TypeError('Failed to fetch'))), status: 'offline' });

    await waitFor(() => expect(optionLabels(groupSelect())).toEqual(['Unknown group']));
    expect(groupSelect().value).toBe(GENERAL.id);
    expect(screen.getByTestId('ticket-group').textContent).toBe('Unknown group');
    expect(screen.getByText('Group names load when the console is online.')).toBeTruthy();
  });

  it('asks the server for groups once per session, not for every ticket opened', async () => {
    const loadGroups = vi.fn<DeskApi['loadGroups']>(async () => [NETWORK]);
    const api = groupsApi(loadGroups);
    const first = makeTicket({ status: 'new', groupId: NETWORK.id });
    const second = makeTicket({ status: 'new', groupId: NETWORK.id });
    const fake = createFakeDeskSession({ agent: SUPERVISOR, tickets: [first, second] });

    const view = renderInDesk(<TicketRouting key={first.id} ticket={first} />, { session: fake.session, api });
    await waitFor(() => expect(screen.getByTestId('ticket-group').textContent).toBe('Network'));
    view.unmount();
    renderInDesk(<TicketRouting key={second.id} ticket={second} />, { session: fake.session, api });
    await waitFor(() => expect(screen.getByTestId('ticket-group').textContent).toBe('Network'));

    expect(loadGroups).toHaveBeenCalledTimes(1);
  });

  it('is offered to supervisors and admins only, and never on closed or canceled tickets', async () => {
    const api = groupsApi(async () => [NETWORK]);
    show(makeTicket({ status: 'in_progress', groupId: NETWORK.id, assigneeId: TEST_AGENT.id }), { agent: TEST_AGENT, api });
    await waitFor(() => expect(screen.getByTestId('ticket-group').textContent).toBe('Network'));
    expect(screen.queryByRole('group', { name: 'Group and line' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Move ticket' })).toBeNull();
    cleanup();

    const admin: SessionAgent = { ...SUPERVISOR, id: '00000000-0000-4000-8000-0000000000b2', role: 'admin' };
    show(makeTicket({ status: 'in_progress', groupId: NETWORK.id }), { agent: admin, api });
    expect(screen.getByRole('group', { name: 'Group and line' })).toBeTruthy();
    cleanup();

    show(makeTicket({ status: 'closed', groupId: NETWORK.id }), { api });
    expect(screen.queryByRole('group', { name: 'Group and line' })).toBeNull();
    cleanup();
    show(makeTicket({ status: 'canceled', duplicateOf: 3, groupId: NETWORK.id }), { api });
    expect(screen.queryByRole('group', { name: 'Group and line' })).toBeNull();
  });
});
