import { describe, expect, it } from 'vitest';
import { MessageSchema } from '../domain/message';
import { applyNote, applyReply, MessagePayloadSchema } from './message';
import {
  ANNA,
  BORIS,
  CREATED_AT,
  IDS,
  NOW,
  SUPERVISOR,
  expectApplied,
  expectRefused,
  makeContext,
  makeTicket,
  snapshot,
} from './ticket.fixture';

const body = 'Please restart the printer and try again.';

describe('applyReply', () => {
  it('refuses a public reply on a ticket another agent works, but lets a supervisor answer', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    expect(expectRefused(applyReply(ticket, { body }, makeContext(BORIS), IDS.mutation)).rejection.code).toBe('not_assigned');
    expect(expectApplied(applyReply(ticket, { body }, makeContext(SUPERVISOR), IDS.mutation)).messages).toHaveLength(1);
  });

  it('takes a New unassigned ticket: the one who answers the customer works it', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const result = expectApplied(applyReply(ticket, { body }, makeContext(BORIS), IDS.mutation));
    expect(result.ticket).toMatchObject({ status: 'in_progress', assigneeId: BORIS.id, firstResponseAt: NOW });
    expect(result.ticket).toMatchObject({ assignedAt: NOW, assignedBy: BORIS.id });
  });

  it('keeps the assignment stamp when the assignee answers a New ticket routing gave them', () => {
    const assignedAt = NOW - 60_000;
    const ticket = makeTicket({ status: 'new', assigneeId: ANNA.id, assignedAt, assignedBy: null });
    const result = expectApplied(applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(result.ticket).toMatchObject({ status: 'in_progress', assigneeId: ANNA.id, assignedAt, assignedBy: null });
  });

  it('adds a public reply whose id is the mutation id, written by the actor at ctx.now', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(result.messages).toEqual([
      {
        id: IDS.mutation,
        ticketId: ticket.id,
        kind: 'reply',
        body,
        authorId: ANNA.id,
        authorName: ANNA.name,
        createdAt: NOW,
      },
    ]);
    // The stored message must pass the same schema the server and the console validate with.
    expect(MessageSchema.safeParse(result.messages[0]).success).toBe(true);
    expect(result.audit).toEqual({ type: 'ticket.replied', data: { messageId: IDS.mutation } });
    expect(result.ticket.version).toBe(ticket.version + 1);
    expect(result.ticket.updatedAt).toBe(NOW);
    expect(result.ticket.status).toBe('in_progress');
  });

  it('records the first public reply as the first response', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, firstResponseAt: null });
    const result = expectApplied(applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(result.ticket.firstResponseAt).toBe(NOW);
  });

  it('keeps the first response time of earlier replies', () => {
    const firstResponseAt = CREATED_AT + 60_000;
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, firstResponseAt });
    const result = expectApplied(applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(result.ticket.firstResponseAt).toBe(firstResponseAt);
  });

  it('keeps the first response time across two replies applied in turn', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const first = expectApplied(applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation));
    const second = expectApplied(
      applyReply(first.ticket, { body: 'And one more thing.' }, makeContext(ANNA, { now: NOW + 5_000 }), IDS.otherMutation),
    );
    expect(second.ticket.firstResponseAt).toBe(NOW);
    expect(second.ticket.version).toBe(ticket.version + 2);
    expect(second.ticket.updatedAt).toBe(NOW + 5_000);
  });

  it.each(['closed', 'canceled'] as const)('refuses a reply on a %s ticket with ticket_final', (status) => {
    const ticket = makeTicket({ status, assigneeId: ANNA.id });
    const { rejection } = expectRefused(applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(rejection.code).toBe('ticket_final');
    expect(rejection.message).not.toBe('');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const before = snapshot(ticket);
    applyReply(ticket, { body }, makeContext(ANNA), IDS.mutation);
    expect(ticket).toEqual(before);
  });
});

describe('applyNote', () => {
  it('adds an internal note whose id is the mutation id, without touching the first response', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const result = expectApplied(applyNote(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(result.messages).toEqual([
      {
        id: IDS.mutation,
        ticketId: ticket.id,
        kind: 'note',
        body,
        authorId: ANNA.id,
        authorName: ANNA.name,
        createdAt: NOW,
      },
    ]);
    expect(result.ticket).toEqual({ ...ticket, version: ticket.version + 1, updatedAt: NOW });
    expect(result.ticket.firstResponseAt).toBeNull();
    expect(result.audit).toEqual({ type: 'ticket.noted', data: { messageId: IDS.mutation } });
  });

  it.each(['closed', 'canceled'] as const)('is allowed on a %s ticket', (status) => {
    const ticket = makeTicket({ status, closedAt: status === 'closed' ? CREATED_AT + 1 : null });
    const result = expectApplied(applyNote(ticket, { body }, makeContext(ANNA), IDS.mutation));
    expect(result.ticket.status).toBe(status);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.kind).toBe('note');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'closed' });
    const before = snapshot(ticket);
    applyNote(ticket, { body }, makeContext(ANNA), IDS.mutation);
    expect(ticket).toEqual(before);
  });
});

describe('a full conversation', () => {
  const full = { length: 5_000, max: 5_000 };

  it('refuses replies and notes once the conversation holds its maximum, naming the maximum', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    for (const apply of [applyReply, applyNote]) {
      const { rejection } = expectRefused(apply(ticket, { body }, makeContext(ANNA, { conversation: full }), IDS.mutation));
      expect(rejection).toMatchObject({ code: 'conversation_full', params: { max: 5_000 } });
    }
  });

  it('accepts the last message that fits', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    expect(expectApplied(applyNote(ticket, { body }, makeContext(ANNA, { conversation: { length: 4_999, max: 5_000 } }), IDS.mutation)).messages).toHaveLength(1);
  });

  it('still names the earlier reason first: another agent’s ticket is not_assigned, full or not', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    expect(expectRefused(applyReply(ticket, { body }, makeContext(BORIS, { conversation: full }), IDS.mutation)).rejection.code).toBe('not_assigned');
  });
});

describe('MessagePayloadSchema', () => {
  it('accepts a body of exactly 20,000 characters', () => {
    expect(MessagePayloadSchema.safeParse({ body: 'x'.repeat(20_000) }).success).toBe(true);
  });

  it.each([
    ['an empty body', { body: '' }],
    ['a whitespace-only body', { body: ' \n\t ' }],
    ['a body over 20,000 characters', { body: 'x'.repeat(20_001) }],
    ['a missing body', {}],
    ['an extra key', { body, attachments: [] }],
  ])('rejects %s', (_label, payload) => {
    expect(MessagePayloadSchema.safeParse(payload).success).toBe(false);
  });
});
