import { describe, expect, it } from 'vitest';
import { applySetRouting, SetRoutingPayloadSchema } from './set-routing';
import {
  ADMIN,
  ANNA,
  NOW,
  SUPERVISOR,
  expectApplied,
  expectRefused,
  makeContext,
  makeTicket,
  snapshot,
} from './ticket.fixture';

const HARDWARE = '00000000-0000-4000-8000-000000000091';
const BILLING = '00000000-0000-4000-8000-000000000092';
const UNKNOWN = '00000000-0000-4000-8000-000000000099';
const groupExists = (id: string) => id === HARDWARE || id === BILLING;

describe('applySetRouting: supervisors and admins', () => {
  it('move a ticket to another group and line, out of its assignee\u2019s hands', () => {
    const ticket = makeTicket({
      status: 'in_progress',
      groupId: HARDWARE,
      level: 1,
      assigneeId: ANNA.id,
      assignedAt: NOW - 60_000,
      assignedBy: null,
      version: 9,
    });
    const result = expectApplied(applySetRouting(ticket, { groupId: BILLING, level: 2 }, makeContext(SUPERVISOR, { groupExists })));
    expect(result.ticket).toEqual({
      ...ticket,
      groupId: BILLING,
      level: 2,
      assigneeId: null,
      assignedAt: null,
      assignedBy: null,
      version: 10,
      updatedAt: NOW,
    });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({
      type: 'ticket.rerouted',
      data: { fromGroupId: HARDWARE, toGroupId: BILLING, fromLevel: 1, toLevel: 2, previousAssigneeId: ANNA.id },
    });
  });

  it.each([SUPERVISOR, ADMIN])('$role may change only the line, or only the group', (actor) => {
    const ticket = makeTicket({ status: 'new', groupId: HARDWARE, level: 2 });
    const lineOnly = expectApplied(applySetRouting(ticket, { groupId: HARDWARE, level: 1 }, makeContext(actor)));
    expect(lineOnly.ticket).toMatchObject({ groupId: HARDWARE, level: 1 });
    const groupOnly = expectApplied(applySetRouting(ticket, { groupId: BILLING, level: 2 }, makeContext(actor)));
    expect(groupOnly.ticket).toMatchObject({ groupId: BILLING, level: 2 });
  });

  it('put a ticket older than groups into a group', () => {
    const ticket = makeTicket({ status: 'in_progress', groupId: null, assigneeId: null });
    const result = expectApplied(applySetRouting(ticket, { groupId: HARDWARE, level: 1 }, makeContext(ADMIN, { groupExists })));
    expect(result.ticket.groupId).toBe(HARDWARE);
    expect(result.audit.data).toMatchObject({ fromGroupId: null, toGroupId: HARDWARE, previousAssigneeId: null });
  });

  it('keep the status: a Fixed ticket may still be filed where it belongs', () => {
    const ticket = makeTicket({ status: 'fixed', groupId: HARDWARE, assigneeId: ANNA.id, fixedAt: NOW - 1 });
    const result = expectApplied(applySetRouting(ticket, { groupId: BILLING, level: 1 }, makeContext(SUPERVISOR)));
    expect(result.ticket.status).toBe('fixed');
  });

  it('are trusted about the group when the console passes no lookup', () => {
    const ticket = makeTicket({ groupId: HARDWARE });
    expect(expectApplied(applySetRouting(ticket, { groupId: UNKNOWN, level: 1 }, makeContext(SUPERVISOR))).ticket.groupId).toBe(UNKNOWN);
  });
});

describe('applySetRouting: refusals', () => {
  it('refuses an agent with forbidden, even on their own ticket', () => {
    const ticket = makeTicket({ status: 'in_progress', groupId: HARDWARE, assigneeId: ANNA.id });
    const { rejection } = expectRefused(applySetRouting(ticket, { groupId: BILLING, level: 1 }, makeContext(ANNA, { groupExists })));
    expect(rejection.code).toBe('forbidden');
    expect(rejection.message).not.toBe('');
  });

  it('refuses a group the server does not know with unknown_group', () => {
    const ticket = makeTicket({ groupId: HARDWARE });
    const { rejection } = expectRefused(applySetRouting(ticket, { groupId: UNKNOWN, level: 1 }, makeContext(SUPERVISOR, { groupExists })));
    expect(rejection.code).toBe('unknown_group');
    expect(rejection.params).toEqual({ groupId: UNKNOWN });
  });

  it('refuses a move to where the ticket already is with invalid_mutation', () => {
    const ticket = makeTicket({ groupId: HARDWARE, level: 2, assigneeId: ANNA.id });
    const { rejection } = expectRefused(applySetRouting(ticket, { groupId: HARDWARE, level: 2 }, makeContext(SUPERVISOR, { groupExists })));
    expect(rejection.code).toBe('invalid_mutation');
    expect(rejection.message).not.toBe('');
  });

  it.each(['closed', 'canceled'] as const)('refuses a %s ticket with ticket_final', (status) => {
    const ticket = makeTicket({ status, groupId: HARDWARE });
    const { rejection } = expectRefused(applySetRouting(ticket, { groupId: BILLING, level: 1 }, makeContext(ADMIN, { groupExists })));
    expect(rejection.code).toBe('ticket_final');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'in_progress', groupId: HARDWARE, assigneeId: ANNA.id, assignedAt: NOW - 1, assignedBy: ANNA.id });
    const before = snapshot(ticket);
    applySetRouting(ticket, { groupId: BILLING, level: 3 }, makeContext(SUPERVISOR));
    applySetRouting(ticket, { groupId: BILLING, level: 3 }, makeContext(ANNA));
    expect(ticket).toEqual(before);
  });
});

describe('SetRoutingPayloadSchema', () => {
  it('accepts a group id and a line', () => {
    for (const level of [1, 2, 3]) expect(SetRoutingPayloadSchema.safeParse({ groupId: HARDWARE, level }).success).toBe(true);
  });

  it.each([
    ['a missing group', { level: 1 }],
    ['a null group', { groupId: null, level: 1 }],
    ['a non-uuid group', { groupId: 'hardware', level: 1 }],
    ['a missing level', { groupId: HARDWARE }],
    ['level 0', { groupId: HARDWARE, level: 0 }],
    ['level 4', { groupId: HARDWARE, level: 4 }],
    ['a level given as a string', { groupId: HARDWARE, level: '2' }],
    ['an extra key', { groupId: HARDWARE, level: 1, assigneeId: ANNA.id }],
  ])('rejects %s', (_label, payload) => {
    expect(SetRoutingPayloadSchema.safeParse(payload).success).toBe(false);
  });
});
