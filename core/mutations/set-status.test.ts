import { describe, expect, it } from 'vitest';
import { applySetStatus, SetStatusPayloadSchema } from './set-status';
import { MAX_HOLD_MS } from '../workflow/lifecycle-timers';
import {
  ADMIN,
  ANNA,
  BORIS,
  CREATED_AT,
  NOW,
  SUPERVISOR,
  expectApplied,
  expectRefused,
  makeContext,
  makeTicket,
  snapshot,
} from './ticket.fixture';

describe('applySetStatus: accepted changes', () => {
  it('moves the ticket, bumps the version and records the change', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, version: 7 });
    const result = expectApplied(applySetStatus(ticket, { status: 'waiting_for_customer' }, makeContext(ANNA)));
    expect(result.ticket).toEqual({ ...ticket, status: 'waiting_for_customer', version: 8, updatedAt: NOW });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({
      type: 'ticket.status_changed',
      data: { from: 'in_progress', to: 'waiting_for_customer', duplicateOf: null },
    });
  });

  it('stamps fixedAt when the ticket becomes Fixed', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applySetStatus(ticket, { status: 'fixed' }, makeContext(ANNA)));
    expect(result.ticket.status).toBe('fixed');
    expect(result.ticket.fixedAt).toBe(NOW);
  });

  it('stamps fixedAt when a Waiting ticket is fixed directly', () => {
    const ticket = makeTicket({ status: 'waiting_for_customer', assigneeId: ANNA.id });
    const result = expectApplied(applySetStatus(ticket, { status: 'fixed' }, makeContext(ANNA)));
    expect(result.ticket.fixedAt).toBe(NOW);
  });

  it('does not stamp fixedAt for other statuses', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applySetStatus(ticket, { status: 'hold' }, makeContext(ANNA)));
    expect(result.ticket.fixedAt).toBeNull();
  });

  it('assigns an unassigned ticket to the agent who starts work on it', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const result = expectApplied(applySetStatus(ticket, { status: 'in_progress' }, makeContext(ANNA)));
    expect(result.ticket.status).toBe('in_progress');
    expect(result.ticket.assigneeId).toBe(ANNA.id);
    expect(result.ticket).toMatchObject({ assignedAt: NOW, assignedBy: ANNA.id });
  });

  it('assigns an unassigned Hold ticket to the agent who resumes it', () => {
    const ticket = makeTicket({ status: 'hold', assigneeId: null });
    const result = expectApplied(applySetStatus(ticket, { status: 'in_progress' }, makeContext(BORIS)));
    expect(result.ticket.assigneeId).toBe(BORIS.id);
  });

  it('keeps the assignee and the assignment stamp when a supervisor resumes an assigned ticket', () => {
    const assignedAt = CREATED_AT + 1_000;
    const ticket = makeTicket({ status: 'waiting_for_customer', assigneeId: ANNA.id, assignedAt, assignedBy: ANNA.id });
    const result = expectApplied(applySetStatus(ticket, { status: 'in_progress' }, makeContext(SUPERVISOR)));
    expect(result.ticket).toMatchObject({ assigneeId: ANNA.id, assignedAt, assignedBy: ANNA.id });
  });

  it("lets supervisors and admins change another agent's ticket", () => {
    for (const actor of [SUPERVISOR, ADMIN]) {
      const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
      const result = expectApplied(applySetStatus(ticket, { status: 'hold' }, makeContext(actor)));
      expect(result.ticket.status).toBe('hold');
      expect(result.ticket.assigneeId).toBe(ANNA.id);
    }
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'new' });
    const before = snapshot(ticket);
    applySetStatus(ticket, { status: 'in_progress' }, makeContext(ANNA));
    applySetStatus(ticket, { status: 'canceled', duplicateOf: 7 }, makeContext(ANNA));
    expect(ticket).toEqual(before);
  });
});

describe('applySetStatus: canceling as a duplicate', () => {
  it('cancels the ticket and links it to the one it duplicates', () => {
    const ticket = makeTicket({ status: 'new', number: 1042 });
    const result = expectApplied(
      applySetStatus(ticket, { status: 'canceled', duplicateOf: 1000 }, makeContext(ANNA, { ticketNumberVisible: (n) => n === 1000 })),
    );
    expect(result.ticket.status).toBe('canceled');
    expect(result.ticket.duplicateOf).toBe(1000);
    expect(result.audit).toEqual({
      type: 'ticket.status_changed',
      data: { from: 'new', to: 'canceled', duplicateOf: 1000 },
    });
  });

  it('trusts the server to check the number when the console passes no lookup', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applySetStatus(ticket, { status: 'canceled', duplicateOf: 999_999 }, makeContext(ANNA)));
    expect(result.ticket.duplicateOf).toBe(999_999);
  });

  it('refuses canceling without the duplicated number with duplicate_required', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const { rejection } = expectRefused(applySetStatus(ticket, { status: 'canceled' }, makeContext(ANNA)));
    expect(rejection.code).toBe('duplicate_required');
    expect(rejection.message).not.toBe('');
  });

  it('refuses a ticket duplicating itself with duplicate_of_itself', () => {
    const ticket = makeTicket({ status: 'new', number: 1042 });
    const { rejection } = expectRefused(
      applySetStatus(ticket, { status: 'canceled', duplicateOf: 1042 }, makeContext(ANNA, { ticketNumberVisible: () => true })),
    );
    expect(rejection.code).toBe('duplicate_of_itself');
    expect(rejection.params).toEqual({ number: 1042 });
  });

  it('refuses an unknown or invisible ticket number with duplicate_not_found, without saying which', () => {
    const ticket = makeTicket({ status: 'new' });
    const { rejection } = expectRefused(
      applySetStatus(ticket, { status: 'canceled', duplicateOf: 77 }, makeContext(ANNA, { ticketNumberVisible: () => false })),
    );
    expect(rejection.code).toBe('duplicate_not_found');
    expect(rejection.message).toBe('there is no ticket with that number');
    expect(rejection.params).toEqual({ number: 77 });
  });
});

describe('applySetStatus: refusals', () => {
  it('refuses a transition outside the table with transition_not_allowed', () => {
    const ticket = makeTicket({ status: 'hold', assigneeId: ANNA.id });
    const { rejection } = expectRefused(applySetStatus(ticket, { status: 'fixed' }, makeContext(ANNA)));
    expect(rejection.code).toBe('transition_not_allowed');
    expect(rejection.params).toEqual({ from: 'hold', to: 'fixed' });
  });

  it('refuses closing by hand, even for a supervisor', () => {
    const ticket = makeTicket({ status: 'fixed', assigneeId: ANNA.id, fixedAt: CREATED_AT });
    const { rejection } = expectRefused(applySetStatus(ticket, { status: 'closed' }, makeContext(SUPERVISOR)));
    expect(rejection.code).toBe('transition_not_allowed');
  });

  it.each(['closed', 'canceled'] as const)('refuses any change of a %s ticket with ticket_final', (status) => {
    const ticket = makeTicket({ status, assigneeId: ANNA.id });
    const { rejection } = expectRefused(applySetStatus(ticket, { status: 'in_progress' }, makeContext(ANNA)));
    expect(rejection.code).toBe('ticket_final');
  });

  it("refuses an agent changing another agent's ticket with not_assigned", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applySetStatus(ticket, { status: 'fixed' }, makeContext(ANNA)));
    expect(rejection.code).toBe('not_assigned');
    expect(rejection.params).toEqual({ assigneeId: BORIS.id });
  });

  it("refuses an agent canceling another agent's ticket with not_assigned", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applySetStatus(ticket, { status: 'canceled', duplicateOf: 7 }, makeContext(ANNA)));
    expect(rejection.code).toBe('not_assigned');
  });
});

describe('SetStatusPayloadSchema', () => {
  it('accepts a status with an optional duplicate number', () => {
    expect(SetStatusPayloadSchema.safeParse({ status: 'fixed' }).success).toBe(true);
    expect(SetStatusPayloadSchema.safeParse({ status: 'canceled', duplicateOf: 12 }).success).toBe(true);
  });

  it.each([
    ['an unknown status', { status: 'resolved' }],
    ['a missing status', {}],
    ['a non-positive duplicate number', { status: 'canceled', duplicateOf: 0 }],
    ['a fractional duplicate number', { status: 'canceled', duplicateOf: 1.5 }],
    ['an extra key', { status: 'fixed', reason: 'done' }],
  ])('rejects %s', (_label, payload) => {
    expect(SetStatusPayloadSchema.safeParse(payload).success).toBe(false);
  });
});

describe('applySetStatus: Hold', () => {
  const working = () => makeTicket({ status: 'in_progress', assigneeId: ANNA.id });

  it('holds for 30 days by default, or until the earlier date the agent chose', () => {
    expect(expectApplied(applySetStatus(working(), { status: 'hold' }, makeContext(ANNA))).ticket.holdUntil).toBe(NOW + MAX_HOLD_MS);
    expect(expectApplied(applySetStatus(working(), { status: 'hold', holdUntil: NOW + 3_600_000 }, makeContext(ANNA))).ticket.holdUntil).toBe(NOW + 3_600_000);
  });

  it('refuses a hold that ends in the past or beyond 30 days, and a hold date with another status', () => {
    expect(expectRefused(applySetStatus(working(), { status: 'hold', holdUntil: NOW }, makeContext(ANNA))).rejection.code).toBe('hold_out_of_range');
    expect(expectRefused(applySetStatus(working(), { status: 'hold', holdUntil: NOW + MAX_HOLD_MS + 1 }, makeContext(ANNA))).rejection.code).toBe('hold_out_of_range');
    expect(expectRefused(applySetStatus(working(), { status: 'fixed', holdUntil: NOW + 1 }, makeContext(ANNA))).rejection.code).toBe('invalid_mutation');
  });

  it('clears the hold date when the ticket leaves Hold', () => {
    const held = makeTicket({ status: 'hold', assigneeId: ANNA.id, holdUntil: NOW + 1_000 });
    expect(expectApplied(applySetStatus(held, { status: 'in_progress' }, makeContext(ANNA))).ticket.holdUntil).toBeNull();
  });
});
