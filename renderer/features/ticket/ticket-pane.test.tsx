// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import { draftKey, useUiStore } from '../../state/ui-store';
import { i18n } from '../../i18n/i18n';
import type { MessageView } from '../../sync/desk-session';
import { TicketPane } from './ticket-pane';

beforeEach(resetUiState);
afterEach(cleanup);

const optionValues = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => (option as HTMLOptionElement).value);

describe('ticket view', () => {
  it('shows the ticket: number, subject, requester, status, priority and assignee', () => {
    const ticket = makeTicket({ number: 1042, subject: 'VPN drops', status: 'in_progress', priority: 'high', assigneeId: TEST_AGENT.id });
    const { session } = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session });

    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('#1042 VPN drops');
    expect(screen.getByTestId('ticket-requester').textContent).toBe('Bob Customer <bob@customer.test>');
    expect(screen.getByTestId('ticket-status').textContent).toBe('In Progress');
    expect(screen.getByTestId('ticket-priority').textContent).toBe('High');
    expect(screen.getByTestId('ticket-assignee').textContent).toBe('Me');
  });

  it('offers the current status plus only the transitions core allows', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    expect(optionValues(screen.getByLabelText('Status'))).toEqual(['in_progress', 'waiting_for_customer', 'hold', 'fixed', 'canceled']);

    act(() => fake.tickets.next([{ ...ticket, status: 'new' }]));
    expect(optionValues(screen.getByLabelText('Status'))).toEqual(['new', 'in_progress', 'canceled']);

    act(() => fake.tickets.next([{ ...ticket, status: 'fixed' }]));
    const fixedSelect = screen.getByLabelText('Status') as HTMLSelectElement;
    expect(optionValues(fixedSelect)).toEqual(['fixed']);
    expect(fixedSelect.disabled).toBe(true);
  });

  it('records setStatus with just the status for an ordinary transition', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'waiting_for_customer' } });
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setStatus', payload: { status: 'waiting_for_customer' } }),
    );
  });

  it('asks for the duplicate ticket number before canceling', async () => {
    const ticket = makeTicket({ number: 1050, status: 'new' });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'canceled' } });
    expect(fake.record).not.toHaveBeenCalled();

    const duplicateInput = screen.getByLabelText('Duplicate of #');
    fireEvent.change(duplicateInput, { target: { value: '1050' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel as duplicate' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the number of another ticket.');
    expect(fake.record).not.toHaveBeenCalled();

    fireEvent.change(duplicateInput, { target: { value: '1001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel as duplicate' }));
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({
        ticketId: ticket.id,
        type: 'setStatus',
        payload: { status: 'canceled', duplicateOf: 1001 },
      }),
    );
    await waitFor(() => expect(screen.queryByLabelText('Duplicate of #')).toBeNull());
  });

  it('records priority changes', async () => {
    const ticket = makeTicket({ priority: 'normal', assigneeId: TEST_AGENT.id, status: 'in_progress' });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'urgent' } });
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setPriority', payload: { priority: 'urgent' } }),
    );
  });

  it('shows Take only when the ticket is not mine, and records a take intent', async () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.click(screen.getByRole('button', { name: 'Take' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'take', payload: {} }));

    act(() => fake.tickets.next([{ ...ticket, assigneeId: TEST_AGENT.id, status: 'in_progress' }]));
    expect(screen.queryByRole('button', { name: 'Take' })).toBeNull();
  });
});

describe('reply box', () => {
  it('sends a reply with the typed body and clears the draft only after record() resolved', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    let finishRecording: () => void = () => undefined;
    fake.record.mockImplementation(() => new Promise<void>((resolve) => (finishRecording = resolve)));
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    const reply = screen.getByLabelText('Reply') as HTMLTextAreaElement;
    fireEvent.change(reply, { target: { value: 'Please restart the router.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'reply', payload: { body: 'Please restart the router.' } });
    expect(reply.value).toBe('Please restart the router.');

    await act(async () => finishRecording());
    expect(reply.value).toBe('');
    expect(useUiStore.getState().drafts[draftKey(TEST_AGENT.id, ticket.id)]).toBeUndefined();
  });

  it('sends an internal note when the toggle is on', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.click(screen.getByLabelText('Internal note'));
    fireEvent.change(screen.getByLabelText('Reply'), { target: { value: 'Customer is on the VIP contract.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'note', payload: { body: 'Customer is on the VIP contract.' } }),
    );
  });

  it('keeps the text when recording fails', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    fake.record.mockRejectedValue(new Error('disk full'));
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.change(screen.getByLabelText('Reply'), { target: { value: 'Important answer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect((await screen.findByRole('alert')).textContent).toContain('disk full');
    expect((screen.getByLabelText('Reply') as HTMLTextAreaElement).value).toBe('Important answer');
  });

  it('persists the draft to localStorage as it is typed', () => {
    const ticket = makeTicket();
    const { session } = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session });

    fireEvent.change(screen.getByLabelText('Reply'), { target: { value: 'half a thought' } });
    expect(localStorage.getItem('tierdesk.ui')).toContain('half a thought');
  });

  it('marks pending messages as sending, or waiting for connection when offline', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const pendingReply: MessageView = {
      id: '00000000-0000-4000-8000-00000000bbbb',
      ticketId: ticket.id,
      kind: 'reply',
      body: 'On my way',
      authorId: TEST_AGENT.id,
      authorName: TEST_AGENT.name,
      createdAt: Date.now(),
      pending: true,
    };
    const fake = createFakeDeskSession({ tickets: [ticket], messages: [pendingReply], connection: { status: 'online' } });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    expect(screen.getByTestId('message-pending').textContent).toBe('sending…');
    act(() => fake.connection.next({ status: 'offline', pending: 1, refusal: null }));
    expect(screen.getByTestId('message-pending').textContent).toBe('waiting for connection');
  });

  it('words an escalation note in the agent’s language: the line it went to, then the reason as written', async () => {
    const ticket = makeTicket({ status: 'new', level: 2, assigneeId: null });
    const note: MessageView = {
      id: '00000000-0000-4000-8000-00000000cccc',
      ticketId: ticket.id,
      kind: 'note',
      body: 'Needs access to the billing database',
      authorId: TEST_AGENT.id,
      authorName: TEST_AGENT.name,
      createdAt: Date.now(),
      escalatedTo: 2,
      pending: false,
    };
    const plainNote: MessageView = { ...note, id: '00000000-0000-4000-8000-00000000dddd', body: 'Called the customer', escalatedTo: undefined };
    const { session } = createFakeDeskSession({ tickets: [ticket], messages: [note, plainNote] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session });

    const bodies = () =>
      screen
        .getAllByTestId('message')
        .filter((item) => item.dataset['kind'] === 'note')
        .map((item) => item.querySelector('.message__body')?.textContent);
    expect(bodies()).toEqual(['Escalated to L2: Needs access to the billing database', 'Called the customer']);
    expect(screen.getAllByTestId('message-escalation')).toHaveLength(1);

    await act(() => i18n.changeLanguage('pl'));
    expect(bodies()[0]).toBe('Eskalowano do L2: Needs access to the billing database');
    await act(() => i18n.changeLanguage('ru'));
    expect(bodies()[0]).toBe('Эскалировано на L2: Needs access to the billing database');
    await act(() => i18n.changeLanguage('en'));
  });
});
