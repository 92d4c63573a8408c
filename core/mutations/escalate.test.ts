import { describe, expect, it } from 'vitest';
import { MessageSchema } from '../domain/message';
import { TicketSchema } from '../domain/ticket';
import { applyEscalate, ESCALATION_REASON_MAX, EscalatePayloadSchema } from './escalate';
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

const reason = 'the customer needs a database restore';

describe('applyEscalate: accepted escalations', () => {
  it('moves an L1 ticket to L2, out of its assignee\u2019s hands, with the reason as a note', () => {
    const ticket = makeTicket({ status: 'in_progress', level: 1, assigneeId: ANNA.id, assignedAt: NOW - 60_000, assignedBy: null, version: 4 });
    const result = expectApplied(applyEscalate(ticket, { reason }, makeContext(ANNA), IDS.mutation));
    expect(result.ticket).toEqual({
      ...ticket,
      level: 2,
      assigneeId: null,
      assignedAt: null,
      assignedBy: null,
      version: 5,
      updatedAt: NOW,
    });
    expect(result.messages).toEqual([
      {
        id: IDS.mutation,
        ticketId: ticket.id,
        kind: 'note',
        body: reason,
        escalatedTo: 2,
        authorId: ANNA.id,
        authorName: ANNA.name,
        createdAt: NOW,
      },
    ]);
    expect(MessageSchema.safeParse(result.messages[0]).success).toBe(true);
    expect(TicketSchema.safeParse(result.ticket).success).toBe(true);
    expect(result.audit).toEqual({
      type: 'ticket.escalated',
      data: { from: 1, to: 2, reason, previousAssigneeId: ANNA.id },
    });
  });

  it('climbs L1 → L2 → L3 and refuses to go past L3 with cannot_escalate', () => {
    const l1 = makeTicket({ status: 'in_progress', level: 1, assigneeId: ANNA.id });
    const l2 = expectApplied(applyEscalate(l1, { reason: 'beyond the templates' }, makeContext(ANNA), IDS.mutation)).ticket;
    expect(l2.level).toBe(2);
    // Routing gives it to an L2 agent, who escalates again.
    const l2Worked = { ...l2, assigneeId: BORIS.id };
    const l3 = expectApplied(applyEscalate(l2Worked, { reason: 'never seen before' }, makeContext(BORIS), IDS.otherMutation));
    expect(l3.ticket.level).toBe(3);
    expect(l3.messages[0]).toMatchObject({ body: 'never seen before', escalatedTo: 3 });
    expect(l3.audit.data).toEqual({ from: 2, to: 3, reason: 'never seen before', previousAssigneeId: BORIS.id });
    expect(l3.ticket.version).toBe(l1.version + 2);

    const { rejection } = expectRefused(applyEscalate(l3.ticket, { reason: 'more' }, makeContext(SUPERVISOR), IDS.mutation));
    expect(rejection.code).toBe('cannot_escalate');
    expect(rejection.params).toEqual({ level: 3 });
    expect(rejection.message).toContain('L3');
  });

  it.each(['new', 'in_progress', 'waiting_for_customer', 'hold'] as const)('escalates a %s ticket and keeps its status', (status) => {
    const ticket = makeTicket({ status, assigneeId: status === 'new' ? null : ANNA.id });
    const result = expectApplied(applyEscalate(ticket, { reason }, makeContext(ANNA), IDS.mutation));
    expect(result.ticket.status).toBe(status);
    expect(result.ticket.level).toBe(2);
  });

  it('lets any agent escalate an unassigned ticket', () => {
    const ticket = makeTicket({ status: 'new', assigneeId: null });
    const result = expectApplied(applyEscalate(ticket, { reason }, makeContext(BORIS), IDS.mutation));
    expect(result.ticket).toMatchObject({ level: 2, assigneeId: null, assignedAt: null, assignedBy: null });
    expect(result.audit.data).toMatchObject({ previousAssigneeId: null });
    expect(result.messages[0]?.authorId).toBe(BORIS.id);
  });

  it.each([SUPERVISOR, ADMIN])("lets a $role escalate another agent's ticket, signing the note", (actor) => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applyEscalate(ticket, { reason }, makeContext(actor), IDS.mutation));
    expect(result.ticket.assigneeId).toBeNull();
    expect(result.messages[0]).toMatchObject({ authorId: actor.id, authorName: actor.name });
    expect(result.audit.data).toMatchObject({ previousAssigneeId: ANNA.id });
  });

  it('trims the reason in the note and in the audit', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(applyEscalate(ticket, { reason: `  \n${reason}\t ` }, makeContext(ANNA), IDS.mutation));
    expect(result.messages[0]).toMatchObject({ body: reason, escalatedTo: 2 });
    expect(result.audit.data).toMatchObject({ reason });
  });

  it('keeps the group: the next line of the same group routes it', () => {
    const groupId = '00000000-0000-4000-8000-000000000091';
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, groupId });
    expect(expectApplied(applyEscalate(ticket, { reason }, makeContext(ANNA), IDS.mutation)).ticket.groupId).toBe(groupId);
  });
});

describe('applyEscalate: refusals', () => {
  it('refuses a Fixed ticket with cannot_escalate: it reopens if the customer writes again', () => {
    const ticket = makeTicket({ status: 'fixed', assigneeId: ANNA.id, fixedAt: NOW - 1_000 });
    const { rejection } = expectRefused(applyEscalate(ticket, { reason }, makeContext(ANNA), IDS.mutation));
    expect(rejection.code).toBe('cannot_escalate');
    expect(rejection.params).toEqual({ level: 1 });
  });

  it.each(['closed', 'canceled'] as const)('refuses a %s ticket with ticket_final, even for a supervisor', (status) => {
    for (const actor of [ANNA, SUPERVISOR]) {
      const ticket = makeTicket({ status, assigneeId: ANNA.id });
      const { rejection } = expectRefused(applyEscalate(ticket, { reason }, makeContext(actor), IDS.mutation));
      expect(rejection.code).toBe('ticket_final');
    }
  });

  it('refuses a final L3 ticket as final rather than as at the last line', () => {
    const ticket = makeTicket({ status: 'closed', level: 3 });
    expect(expectRefused(applyEscalate(ticket, { reason }, makeContext(SUPERVISOR), IDS.mutation)).rejection.code).toBe('ticket_final');
  });

  it("refuses an agent escalating another agent's ticket with not_assigned", () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(applyEscalate(ticket, { reason }, makeContext(ANNA), IDS.mutation));
    expect(rejection.code).toBe('not_assigned');
    expect(rejection.params).toEqual({ assigneeId: BORIS.id });
  });

  it('does not mutate the ticket it is given, accepted or refused', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, assignedAt: NOW - 1, assignedBy: ANNA.id });
    const before = snapshot(ticket);
    applyEscalate(ticket, { reason }, makeContext(ANNA), IDS.mutation);
    applyEscalate(ticket, { reason }, makeContext(BORIS), IDS.mutation);
    expect(ticket).toEqual(before);
  });
});

describe('EscalatePayloadSchema', () => {
  it('accepts a reason of exactly the maximum length', () => {
    expect(EscalatePayloadSchema.safeParse({ reason: 'r'.repeat(ESCALATION_REASON_MAX) }).success).toBe(true);
    expect(ESCALATION_REASON_MAX).toBe(2_000);
  });

  it.each([
    ['an empty reason', { reason: '' }],
    ['a whitespace-only reason', { reason: ' \n\t ' }],
    ['a reason over 2,000 characters', { reason: 'r'.repeat(2_001) }],
    ['a missing reason', {}],
    ['a reason that is not a string', { reason: 42 }],
    ['an extra key', { reason, level: 3 }],
  ])('rejects %s', (_label, payload) => {
    expect(EscalatePayloadSchema.safeParse(payload).success).toBe(false);
  });

  it('explains a blank or over-long reason', () => {
    const blank = EscalatePayloadSchema.safeParse({ reason: '   ' });
    expect(blank.error?.issues.map((issue) => issue.message)).toContain('say why the ticket needs the next line');
    const long = EscalatePayloadSchema.safeParse({ reason: 'r'.repeat(2_001) });
    expect(long.error?.issues.map((issue) => issue.message)).toContain('the reason is longer than 2000 characters');
  });
});
