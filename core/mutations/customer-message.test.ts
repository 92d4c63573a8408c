import { describe, expect, it } from 'vitest';
import { MessageSchema } from '../domain/message';
import type { TicketStatus } from '../domain/ticket';
import { applyCustomerMessage } from './customer-message';
import { ANNA, CREATED_AT, IDS, NOW, expectApplied, expectRefused, makeTicket, snapshot } from './ticket.fixture';

const input = { messageId: IDS.mutation, body: 'It jams again.', now: NOW };

describe('applyCustomerMessage', () => {
  it('adds a customer message written by the requester', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applyCustomerMessage(ticket, input));
    expect(result.messages).toEqual([
      {
        id: IDS.mutation,
        ticketId: ticket.id,
        kind: 'customer',
        body: 'It jams again.',
        authorId: null,
        authorName: 'Carol Customer',
        createdAt: NOW,
      },
    ]);
    expect(MessageSchema.safeParse(result.messages[0]).success).toBe(true);
    expect(result.ticket.version).toBe(ticket.version + 1);
    expect(result.ticket.updatedAt).toBe(NOW);
  });

  it("names the message after the requester's email when the requester has no name", () => {
    const ticket = makeTicket({ status: 'in_progress', requester: { email: 'carol@example.com', name: '', organization: null } });
    expect(expectApplied(applyCustomerMessage(ticket, input)).messages[0]?.authorName).toBe('carol@example.com');
  });

  it('returns a Waiting ticket to In Progress without counting a reopen', () => {
    const ticket = makeTicket({ status: 'waiting_for_customer', assigneeId: ANNA.id, reopenCount: 0 });
    const result = expectApplied(applyCustomerMessage(ticket, input));
    expect(result.ticket.status).toBe('in_progress');
    expect(result.ticket.reopenCount).toBe(0);
    expect(result.ticket.assigneeId).toBe(ANNA.id);
    expect(result.audit).toEqual({
      type: 'ticket.customer_wrote',
      data: { messageId: IDS.mutation, reopened: false, from: 'waiting_for_customer' },
    });
  });

  it('reopens a Fixed ticket: In Progress, one more reopen, fixedAt cleared', () => {
    const ticket = makeTicket({ status: 'fixed', assigneeId: ANNA.id, reopenCount: 1, fixedAt: CREATED_AT + 10 });
    const result = expectApplied(applyCustomerMessage(ticket, input));
    expect(result.ticket.status).toBe('in_progress');
    expect(result.ticket.reopenCount).toBe(2);
    expect(result.ticket.fixedAt).toBeNull();
    expect(result.audit).toEqual({
      type: 'ticket.customer_wrote',
      data: { messageId: IDS.mutation, reopened: true, from: 'fixed' },
    });
  });

  it.each(['new', 'in_progress', 'hold'] as const)('keeps a %s ticket in its status', (status: TicketStatus) => {
    const ticket = makeTicket({ status });
    const result = expectApplied(applyCustomerMessage(ticket, input));
    expect(result.ticket).toEqual({ ...ticket, version: ticket.version + 1, updatedAt: NOW });
    expect(result.audit.data).toEqual({ messageId: IDS.mutation, reopened: false, from: status });
  });

  it.each(['closed', 'canceled'] as const)('refuses a message on a %s ticket with ticket_final', (status) => {
    const ticket = makeTicket({ status, closedAt: status === 'closed' ? NOW - 1 : null });
    const { rejection } = expectRefused(applyCustomerMessage(ticket, input));
    expect(rejection.code).toBe('ticket_final');
    expect(rejection.message).not.toBe('');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'fixed', fixedAt: CREATED_AT, reopenCount: 0 });
    const before = snapshot(ticket);
    applyCustomerMessage(ticket, input);
    expect(ticket).toEqual(before);
  });
});
