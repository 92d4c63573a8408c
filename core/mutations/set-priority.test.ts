import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../domain/ticket';
import { applySetPriority, SetPriorityPayloadSchema } from './set-priority';
import {
  ADMIN,
  ANNA,
  BORIS,
  NOW,
  SUPERVISOR,
  expectApplied,
  expectRefused,
  makeContext,
  makeTicket,
  snapshot,
} from './ticket.fixture';

describe('applySetPriority', () => {
  it('changes the priority, bumps the version and records from/to', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, priority: 'normal', version: 0 });
    const result = expectApplied(applySetPriority(ticket, { priority: 'urgent' }, makeContext(ANNA)));
    expect(result.ticket).toEqual({ ...ticket, priority: 'urgent', version: 1, updatedAt: NOW });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({ type: 'ticket.priority_changed', data: { from: 'normal', to: 'urgent' } });
  });

  it.each(PRIORITIES)('can set priority %s', (priority) => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    expect(expectApplied(applySetPriority(ticket, { priority }, makeContext(ANNA))).ticket.priority).toBe(priority);
  });

  it('lets any agent change the priority of an unassigned ticket', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const result = expectApplied(applySetPriority(ticket, { priority: 'high' }, makeContext(BORIS)));
    expect(result.ticket.priority).toBe('high');
    expect(result.ticket.assigneeId).toBeNull();
    expect(result.ticket.status).toBe('new');
  });

  it("refuses an agent changing another agent's ticket with not_assigned", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applySetPriority(ticket, { priority: 'low' }, makeContext(ANNA)));
    expect(rejection.code).toBe('not_assigned');
    expect(rejection.message).not.toBe('');
  });

  it.each([SUPERVISOR, ADMIN])("lets a $role change another agent's ticket", (actor) => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    expect(expectApplied(applySetPriority(ticket, { priority: 'low' }, makeContext(actor))).ticket.priority).toBe('low');
  });

  it.each(['closed', 'canceled'] as const)('refuses changing a %s ticket with ticket_final', (status) => {
    const ticket = makeTicket({ status, assigneeId: ANNA.id });
    const { rejection } = expectRefused(applySetPriority(ticket, { priority: 'urgent' }, makeContext(SUPERVISOR)));
    expect(rejection.code).toBe('ticket_final');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const before = snapshot(ticket);
    applySetPriority(ticket, { priority: 'urgent' }, makeContext(ANNA));
    expect(ticket).toEqual(before);
  });
});

describe('SetPriorityPayloadSchema', () => {
  it.each([
    ['an unknown priority', { priority: 'critical' }],
    ['a missing priority', {}],
    ['an extra key', { priority: 'low', reason: 'x' }],
  ])('rejects %s', (_label, payload) => {
    expect(SetPriorityPayloadSchema.safeParse(payload).success).toBe(false);
  });
});
