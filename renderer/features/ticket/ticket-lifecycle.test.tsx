// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_HOLD_MS } from '../../../core';
import { createFakeDeskSession, makeTicket, TEST_AGENT } from '../../app/testing/fake-desk-session';
import { renderInDesk, resetUiState } from '../../app/testing/render-desk';
import type { MessageView } from '../../sync/desk-session';
import { holdEndFor, localDate } from './hold-form';
import { TicketPane } from './ticket-pane';

beforeEach(resetUiState);
afterEach(cleanup);

const DAY = 24 * 3_600_000;

describe('putting a ticket on hold', () => {
  it('sends just the status when no end date is chosen (the server holds for 30 days)', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'hold' } });
    expect(fake.record).not.toHaveBeenCalled();
    const holdUntil = screen.getByLabelText('Hold until') as HTMLInputElement;
    expect(holdUntil.type).toBe('date');
    expect(holdUntil.value).toBe('');
    expect(holdUntil.max).toBe(localDate(Date.now() + MAX_HOLD_MS));
    expect(holdUntil.min).toBe(localDate(Date.now() + DAY));

    fireEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    await waitFor(() => expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setStatus', payload: { status: 'hold' } }));
    await waitFor(() => expect(screen.queryByLabelText('Hold until')).toBeNull());
  });

  it('sends holdUntil as the start of the chosen day, and refuses a day outside the 30 days', async () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'hold' } });

    fireEvent.change(screen.getByLabelText('Hold until'), { target: { value: localDate(Date.now() + 40 * DAY) } });
    fireEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a day from tomorrow up to 30 days ahead.');
    expect(fake.record).not.toHaveBeenCalled();

    const day = localDate(Date.now() + 7 * DAY);
    fireEvent.change(screen.getByLabelText('Hold until'), { target: { value: day } });
    fireEvent.click(screen.getByRole('button', { name: 'Put on hold' }));
    const [year, month, date] = day.split('-').map(Number);
    const startOfDay = new Date(year!, month! - 1, date).getTime();
    await waitFor(() =>
      expect(fake.record).toHaveBeenCalledWith({ ticketId: ticket.id, type: 'setStatus', payload: { status: 'hold', holdUntil: startOfDay } }),
    );
  });

  it('can be abandoned, keeping the status', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id });
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'hold' } });
    fireEvent.click(screen.getByRole('button', { name: 'Keep status' }));
    expect(screen.queryByLabelText('Hold until')).toBeNull();
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('in_progress');
    expect(fake.record).not.toHaveBeenCalled();
  });

  it('computes the end of a hold: not today, not past the limit, the last offered day always fits', () => {
    const now = new Date(2026, 2, 10, 15, 30).getTime();
    expect(holdEndFor('2026-03-10', now)).toBeNull();
    expect(holdEndFor('2026-03-11', now)).toBe(new Date(2026, 2, 11).getTime());
    expect(holdEndFor(localDate(now + MAX_HOLD_MS), now)).not.toBeNull();
    expect(holdEndFor(localDate(now + MAX_HOLD_MS + DAY), now)).toBeNull();
    expect(holdEndFor('not a date', now)).toBeNull();
  });
});

describe('lifecycle facts in the ticket view', () => {
  it('shows the SLA, both due times, reopens, and the follow-up and duplicate links', () => {
    const now = Date.now();
    const base = makeTicket({ number: 1200, status: 'in_progress', assigneeId: TEST_AGENT.id, reopenCount: 2, followUpOf: 1100 });
    const ticket = { ...base, sla: { ...base.sla, runningSince: now - 3_600_000, firstResponseDueAt: now + 3 * 3_600_000, resolutionDueAt: now + 26 * 3_600_000 } };
    const fake = createFakeDeskSession({ tickets: [ticket] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    expect(screen.getByTestId('sla-indicator').getAttribute('data-sla')).toBe('ok');
    expect(screen.getByTestId('ticket-first-response-due').querySelector('time')?.getAttribute('datetime')).toBe(new Date(now + 3 * 3_600_000).toISOString());
    expect(screen.getByTestId('ticket-resolution-due').querySelector('time')?.getAttribute('datetime')).toBe(new Date(now + 26 * 3_600_000).toISOString());
    expect(screen.getByTestId('ticket-reopen-count').textContent).toBe('Reopened 2 times');
    expect(screen.getByTestId('ticket-follow-up-of').textContent).toBe('Follow-up of #1100');
    expect(screen.queryByTestId('ticket-duplicate-of')).toBeNull();
  });

  it('says paused for due times while the clock is paused, and names the duplicated ticket', () => {
    const ticket = makeTicket({ status: 'canceled', duplicateOf: 1001, reopenCount: 1 });
    const fake = createFakeDeskSession({ tickets: [ticket, { ...makeTicket({ status: 'hold' }), id: '00000000-0000-4000-8000-00000000ffff' }] });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });
    expect(screen.getByTestId('ticket-duplicate-of').textContent).toBe('Duplicate of #1001');
    expect(screen.getByTestId('ticket-reopen-count').textContent).toBe('Reopened 1 time');
    expect(screen.getByTestId('ticket-first-response-due').textContent).toBe('—');
    expect(screen.getByTestId('sla-indicator').textContent).toBe('SLA stopped');
    cleanup();

    renderInDesk(<TicketPane ticketId="00000000-0000-4000-8000-00000000ffff" />, { session: fake.session });
    expect(screen.getByTestId('ticket-resolution-due').textContent).toBe('paused');
    expect(screen.queryByTestId('ticket-reopen-count')).toBeNull();
  });
});

describe('automatic replies and system lines in the conversation', () => {
  it('marks the automatic reply as such and shows system records as a slim line', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: TEST_AGENT.id, description: 'My printer is jammed.' });
    const message = (kind: MessageView['kind'], body: string, at: number): MessageView => ({
      id: `00000000-0000-4000-8000-0000000a000${at}`,
      ticketId: ticket.id,
      kind,
      body,
      authorId: null,
      authorName: kind === 'customer' ? 'Bob Customer' : 'Tierdesk',
      createdAt: ticket.createdAt + at,
      pending: false,
    });
    const messages = [
      message('customer', 'My printer is jammed.', 0),
      message('auto_reply', 'We have received your request and registered it as ticket #1.', 1),
      message('system', 'The hold ended; the ticket is back in progress.', 2),
    ];
    const fake = createFakeDeskSession({ tickets: [ticket], messages });
    renderInDesk(<TicketPane ticketId={ticket.id} />, { session: fake.session });

    const items = screen.getAllByTestId('message');
    expect(items.map((item) => item.getAttribute('data-kind'))).toEqual(['customer', 'auto_reply', 'system']);
    const [, autoReply, system] = items;
    expect(autoReply!.className).toContain('message--auto_reply');
    expect(within(autoReply!).getByText('Automatic reply')).toBeTruthy();
    expect(autoReply!.textContent).toContain('registered it as ticket #1');
    expect(system!.className).toBe('message-system');
    expect(system!.textContent).toContain('The hold ended; the ticket is back in progress.');
    expect(within(system!).queryByText('System')).toBeNull();
  });
});
