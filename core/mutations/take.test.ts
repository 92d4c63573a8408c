import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../domain/ticket';
import { applyTake } from './take';
import {
  ADMIN,
  ANNA,
  BORIS,
  IDS,
  NOW,
  SUPERVISOR,
  expectApplied,
  expectRefused,
  makeContext,
  makeTicket,
  snapshot,
} from './ticket.fixture';

describe('applyTake', () => {
  it('assigns a New ticket to the agent and starts work on it', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null, version: 3 });
    const result = expectApplied(applyTake(ticket, {}, makeContext(ANNA)));
    expect(result.ticket).toEqual({
      ...ticket,
      assigneeId: ANNA.id,
      assignedAt: NOW,
      assignedBy: ANNA.id,
      status: 'in_progress',
      version: 4,
      updatedAt: NOW,
    });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({
      type: 'ticket.taken',
      data: { from: null, to: ANNA.id, status: 'in_progress' },
    });
  });

  it.each(['in_progress', 'waiting_for_customer', 'hold', 'fixed'] as const)(
    'keeps the status of an unassigned %s ticket',
    (status: TicketStatus) => {
      const result = expectApplied(applyTake(makeTicket({ status }), {}, makeContext(ANNA)));
      expect(result.ticket.status).toBe(status);
      expect(result.ticket.assigneeId).toBe(ANNA.id);
      expect(result.ticket).toMatchObject({ assignedAt: NOW, assignedBy: ANNA.id });
    },
  );

  it('accepts taking a ticket the agent already has, keeping when and by whom it was assigned', () => {
    const assignedAt = NOW - 60_000;
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, assignedAt, assignedBy: null });
    const result = expectApplied(applyTake(ticket, {}, makeContext(ANNA)));
    expect(result.ticket.assigneeId).toBe(ANNA.id);
    expect(result.ticket.version).toBe(ticket.version + 1);
    // Not a new assignment: the console must not alert the agent again about a ticket routing gave them.
    expect(result.ticket.assignedAt).toBe(assignedAt);
    expect(result.ticket.assignedBy).toBeNull();
  });

  it("refuses an agent taking another agent's ticket with already_assigned", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applyTake(ticket, {}, makeContext(ANNA)));
    expect(rejection.code).toBe('already_assigned');
    expect(rejection.message).not.toBe('');
    expect(rejection.params).toEqual({ assigneeId: BORIS.id });
  });

  it.each([SUPERVISOR, ADMIN])("lets a $role take another agent's ticket", (actor) => {
    const ticket = makeTicket({ status: 'hold', assigneeId: BORIS.id });
    const result = expectApplied(applyTake(ticket, {}, makeContext(actor)));
    expect(result.ticket.assigneeId).toBe(actor.id);
    expect(result.ticket.assignedAt).toBe(NOW);
    expect(result.ticket.assignedBy).toBe(actor.id);
    expect(result.ticket.status).toBe('hold');
    expect(result.audit.data).toEqual({ from: BORIS.id, to: actor.id, status: 'hold' });
  });

  it.each(['closed', 'canceled'] as const)('refuses taking a %s ticket with ticket_final, even for a supervisor', (status) => {
    for (const actor of [ANNA, SUPERVISOR]) {
      const { rejection } = expectRefused(applyTake(makeTicket({ status }), {}, makeContext(actor)));
      expect(rejection.code).toBe('ticket_final');
      expect(rejection.message).toContain(status);
    }
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'new' });
    const before = snapshot(ticket);
    applyTake(ticket, {}, makeContext(ANNA));
    expect(ticket).toEqual(before);
    expect(ticket.id).toBe(IDS.ticket);
  });
});
