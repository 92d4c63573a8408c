import { describe, expect, it } from 'vitest';
import { applyAssign, AssignPayloadSchema } from './assign';
import type { ApplyContext } from './context';
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

const directory: NonNullable<ApplyContext['findAgent']> = (id) =>
  ({
    [ANNA.id]: { id: ANNA.id, name: ANNA.name, active: true },
    [BORIS.id]: { id: BORIS.id, name: BORIS.name, active: true },
    [SUPERVISOR.id]: { id: SUPERVISOR.id, name: SUPERVISOR.name, active: true },
  })[id];

const NOBODY_ID = '00000000-0000-4000-8000-0000000000ff';

describe('applyAssign: supervisors and admins', () => {
  it('assign a ticket to another agent, bump the version and record from/to', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, version: 5 });
    const result = expectApplied(applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(SUPERVISOR, { findAgent: directory })));
    expect(result.ticket).toEqual({
      ...ticket,
      assigneeId: BORIS.id,
      assignedAt: NOW,
      assignedBy: SUPERVISOR.id,
      version: 6,
      updatedAt: NOW,
    });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({ type: 'ticket.assigned', data: { from: ANNA.id, to: BORIS.id } });
  });

  it('keep the status when assigning', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const result = expectApplied(applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(ADMIN)));
    expect(result.ticket.status).toBe('new');
    expect(result.ticket.assigneeId).toBe(BORIS.id);
    expect(result.ticket).toMatchObject({ assignedAt: NOW, assignedBy: ADMIN.id });
  });

  it('keep the assignment stamp when assigning the ticket to the agent who already has it', () => {
    const assignedAt = NOW - 60_000;
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id, assignedAt, assignedBy: null });
    const result = expectApplied(applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(SUPERVISOR)));
    expect(result.ticket).toMatchObject({ assigneeId: BORIS.id, assignedAt, assignedBy: null });
  });

  it("return an agent's ticket to the queue, clearing when and by whom it was assigned", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, assignedAt: NOW - 60_000, assignedBy: ANNA.id });
    const result = expectApplied(applyAssign(ticket, { assigneeId: null }, makeContext(SUPERVISOR, { findAgent: directory })));
    expect(result.ticket.assigneeId).toBeNull();
    expect(result.ticket.assignedAt).toBeNull();
    expect(result.ticket.assignedBy).toBeNull();
    expect(result.audit.data).toEqual({ from: ANNA.id, to: null });
  });

  it('are refused with unknown_agent when the assignee does not exist', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: NOBODY_ID }, makeContext(SUPERVISOR, { findAgent: directory })));
    expect(rejection.code).toBe('unknown_agent');
    expect(rejection.params).toEqual({ assigneeId: NOBODY_ID });
  });

  it('are refused with unknown_agent when the assignee is deactivated', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const ctx = makeContext(SUPERVISOR, { findAgent: (id) => ({ id, name: 'Gone', active: false }) });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: BORIS.id }, ctx));
    expect(rejection.code).toBe('unknown_agent');
  });

  it('are trusted without a lookup (the console passes none; the server refuses later)', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    expect(expectApplied(applyAssign(ticket, { assigneeId: NOBODY_ID }, makeContext(SUPERVISOR))).ticket.assigneeId).toBe(NOBODY_ID);
  });
});

describe('applyAssign: agents', () => {
  it('may give an unassigned ticket to themselves', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const result = expectApplied(applyAssign(ticket, { assigneeId: ANNA.id }, makeContext(ANNA, { findAgent: directory })));
    expect(result.ticket.assigneeId).toBe(ANNA.id);
    expect(result.ticket).toMatchObject({ assignedAt: NOW, assignedBy: ANNA.id });
  });

  it('may hand their own ticket back to the queue, which clears the assignment stamp', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, assignedAt: NOW - 60_000, assignedBy: null });
    const result = expectApplied(applyAssign(ticket, { assigneeId: null }, makeContext(ANNA)));
    expect(result.ticket).toMatchObject({ assigneeId: null, assignedAt: null, assignedBy: null });
  });

  it('are refused with forbidden when assigning someone else', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(ANNA, { findAgent: directory })));
    expect(rejection.code).toBe('forbidden');
    expect(rejection.message).not.toBe('');
  });

  it('are refused with forbidden when passing their own ticket to someone else', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(ANNA)));
    expect(rejection.code).toBe('forbidden');
  });

  it("are refused with not_assigned when taking over another agent's ticket", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: ANNA.id }, makeContext(ANNA)));
    expect(rejection.code).toBe('not_assigned');
  });

  it("are refused with not_assigned when returning another agent's ticket to the queue", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: null }, makeContext(ANNA)));
    expect(rejection.code).toBe('not_assigned');
  });
});

describe('applyAssign: final tickets and purity', () => {
  it.each(['closed', 'canceled'] as const)('refuses assigning a %s ticket with ticket_final', (status) => {
    const ticket = makeTicket({ status, assigneeId: ANNA.id });
    const { rejection } = expectRefused(applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(SUPERVISOR)));
    expect(rejection.code).toBe('ticket_final');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const before = snapshot(ticket);
    applyAssign(ticket, { assigneeId: BORIS.id }, makeContext(SUPERVISOR));
    expect(ticket).toEqual(before);
  });
});

describe('AssignPayloadSchema', () => {
  it('accepts an agent id or null', () => {
    expect(AssignPayloadSchema.safeParse({ assigneeId: BORIS.id }).success).toBe(true);
    expect(AssignPayloadSchema.safeParse({ assigneeId: null }).success).toBe(true);
  });

  it.each([
    ['a non-uuid assignee', { assigneeId: 'boris' }],
    ['a missing assignee', {}],
    ['an extra key', { assigneeId: null, note: 'x' }],
  ])('rejects %s', (_label, payload) => {
    expect(AssignPayloadSchema.safeParse(payload).success).toBe(false);
  });
});
