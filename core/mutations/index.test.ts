import { describe, expect, it } from 'vitest';
import { applyMutation, MUTATION_TYPES, MutationSchema, type Mutation } from './index';
import { ANNA, BORIS, IDS, NOW, SUPERVISOR, expectApplied, expectRefused, makeContext, makeTicket, snapshot } from './ticket.fixture';

const envelope = { id: IDS.mutation, ticketId: IDS.ticket, createdAt: NOW - 1_000 };
const GROUP_ID = '00000000-0000-4000-8000-000000000091';
const L3_EXPERT = { ...BORIS, level: 3 as const };

describe('MUTATION_TYPES', () => {
  it('lists every intent an agent can record', () => {
    expect([...MUTATION_TYPES].sort()).toEqual([
      'assign',
      'escalate',
      'markPrecedent',
      'note',
      'reply',
      'setPriority',
      'setRouting',
      'setStatus',
      'setTags',
      'take',
    ]);
  });
});

describe('applyMutation dispatch', () => {
  it('take: assigns the ticket to the actor', () => {
    const ticket = makeTicket({ status: 'new' });
    const result = expectApplied(applyMutation(ticket, { ...envelope, type: 'take', payload: {} }, makeContext(ANNA)));
    expect(result.audit.type).toBe('ticket.taken');
    expect(result.ticket.assigneeId).toBe(ANNA.id);
    expect(result.ticket.status).toBe('in_progress');
  });

  it('reply: adds a public reply with the mutation id', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'reply', payload: { body: 'Hello' } }, makeContext(ANNA)),
    );
    expect(result.audit.type).toBe('ticket.replied');
    expect(result.messages.map((m) => [m.id, m.kind, m.body])).toEqual([[IDS.mutation, 'reply', 'Hello']]);
    expect(result.ticket.firstResponseAt).toBe(NOW);
  });

  it('note: adds an internal note with the mutation id', () => {
    const ticket = makeTicket({ status: 'closed' });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'note', payload: { body: 'FYI' } }, makeContext(ANNA)),
    );
    expect(result.audit.type).toBe('ticket.noted');
    expect(result.messages.map((m) => [m.id, m.kind])).toEqual([[IDS.mutation, 'note']]);
    expect(result.ticket.firstResponseAt).toBeNull();
  });

  it('setStatus: changes the status', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'setStatus', payload: { status: 'fixed' } }, makeContext(ANNA)),
    );
    expect(result.audit.type).toBe('ticket.status_changed');
    expect(result.ticket.status).toBe('fixed');
  });

  it('setPriority: changes the priority', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, priority: 'low' });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'setPriority', payload: { priority: 'high' } }, makeContext(ANNA)),
    );
    expect(result.audit.type).toBe('ticket.priority_changed');
    expect(result.ticket.priority).toBe('high');
  });

  it('assign: changes the assignee', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'assign', payload: { assigneeId: null } }, makeContext(ANNA)),
    );
    expect(result.audit.type).toBe('ticket.assigned');
    expect(result.ticket.assigneeId).toBeNull();
  });

  it('escalate: moves the ticket to the next line with a note carrying the mutation id', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, level: 1 });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'escalate', payload: { reason: 'needs a database expert' } }, makeContext(ANNA)),
    );
    expect(result.audit.type).toBe('ticket.escalated');
    expect(result.ticket).toMatchObject({ level: 2, assigneeId: null });
    expect(result.messages.map((m) => [m.id, m.kind, m.body, m.escalatedTo])).toEqual([[IDS.mutation, 'note', 'needs a database expert', 2]]);
  });

  it('setRouting: moves the ticket to another group and line', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'setRouting', payload: { groupId: GROUP_ID, level: 2 } }, makeContext(SUPERVISOR)),
    );
    expect(result.audit.type).toBe('ticket.rerouted');
    expect(result.ticket).toMatchObject({ groupId: GROUP_ID, level: 2, assigneeId: null });
  });

  it('markPrecedent: marks the solution of an L3 expert', () => {
    const ticket = makeTicket({ status: 'fixed', level: 3, assigneeId: L3_EXPERT.id });
    const result = expectApplied(
      applyMutation(ticket, { ...envelope, type: 'markPrecedent', payload: { precedent: true } }, makeContext(L3_EXPERT)),
    );
    expect(result.audit.type).toBe('ticket.precedent_marked');
    expect(result.ticket.precedent).toBe(true);
  });

  it('returns refusals as values rather than throwing', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    const { rejection } = expectRefused(
      applyMutation(ticket, { ...envelope, type: 'setStatus', payload: { status: 'hold' } }, makeContext(ANNA)),
    );
    expect(rejection.code).toBe('not_assigned');
  });

  it('applies a parsed mutation without mutating the input ticket', () => {
    const ticket = makeTicket({ status: 'new' });
    const before = snapshot(ticket);
    const mutation: Mutation = MutationSchema.parse({ ...envelope, type: 'take', payload: {} });
    const result = expectApplied(applyMutation(ticket, mutation, makeContext(ANNA)));
    expect(result.ticket).not.toBe(ticket);
    expect(ticket).toEqual(before);
  });
});

describe('MutationSchema', () => {
  const valid = [
    { ...envelope, type: 'take', payload: {} },
    { ...envelope, type: 'reply', payload: { body: 'Hello' } },
    { ...envelope, type: 'note', payload: { body: 'Internal' } },
    { ...envelope, type: 'setStatus', payload: { status: 'canceled', duplicateOf: 3 } },
    { ...envelope, type: 'setPriority', payload: { priority: 'urgent' } },
    { ...envelope, type: 'assign', payload: { assigneeId: BORIS.id } },
    { ...envelope, type: 'assign', payload: { assigneeId: null } },
    { ...envelope, type: 'escalate', payload: { reason: 'needs L2' } },
    { ...envelope, type: 'setRouting', payload: { groupId: GROUP_ID, level: 3 } },
    { ...envelope, type: 'markPrecedent', payload: { precedent: true } },
    { ...envelope, type: 'markPrecedent', payload: { precedent: false } },
    { ...envelope, type: 'setTags', payload: { tags: ['billing'] } },
  ];

  it.each(valid)('accepts a well-formed $type mutation', (candidate) => {
    expect(MutationSchema.safeParse(candidate).success).toBe(true);
  });

  const { id: _id, ...withoutId } = envelope;
  const { ticketId: _ticketId, ...withoutTicketId } = envelope;
  const { createdAt: _createdAt, ...withoutCreatedAt } = envelope;

  it.each([
    ['an unknown type', { ...envelope, type: 'escalateToMars', payload: {} }],
    ['a missing type', { ...envelope, payload: {} }],
    ['a missing id', { ...withoutId, type: 'take', payload: {} }],
    ['a missing ticketId', { ...withoutTicketId, type: 'take', payload: {} }],
    ['a missing createdAt', { ...withoutCreatedAt, type: 'take', payload: {} }],
    ['a missing payload', { ...envelope, type: 'take' }],
    ['a non-uuid id', { ...envelope, id: 'mutation-1', type: 'take', payload: {} }],
    ['a non-uuid ticketId', { ...envelope, ticketId: '1042', type: 'take', payload: {} }],
    ['a negative createdAt', { ...envelope, createdAt: -1, type: 'take', payload: {} }],
    ['a fractional createdAt', { ...envelope, createdAt: 1.5, type: 'take', payload: {} }],
    ['an extra envelope key', { ...envelope, type: 'take', payload: {}, actorId: ANNA.id }],
    ['an extra payload key on take', { ...envelope, type: 'take', payload: { assigneeId: ANNA.id } }],
    ['an extra payload key on reply', { ...envelope, type: 'reply', payload: { body: 'Hi', html: '<b>Hi</b>' } }],
    ['an empty body', { ...envelope, type: 'reply', payload: { body: '' } }],
    ['a whitespace-only body', { ...envelope, type: 'note', payload: { body: '   \n\t' } }],
    ['a body over 20,000 characters', { ...envelope, type: 'reply', payload: { body: 'a'.repeat(20_001) } }],
    ['an unknown status', { ...envelope, type: 'setStatus', payload: { status: 'done' } }],
    ['an unknown priority', { ...envelope, type: 'setPriority', payload: { priority: 'critical' } }],
    ['a non-uuid assignee', { ...envelope, type: 'assign', payload: { assigneeId: 'anna' } }],
    ['a payload of another type', { ...envelope, type: 'setPriority', payload: { status: 'fixed' } }],
    ['an escalation without a reason', { ...envelope, type: 'escalate', payload: {} }],
    ['an escalation with a whitespace-only reason', { ...envelope, type: 'escalate', payload: { reason: ' \n ' } }],
    ['an escalation choosing its own line', { ...envelope, type: 'escalate', payload: { reason: 'x', level: 3 } }],
    ['a setRouting without a level', { ...envelope, type: 'setRouting', payload: { groupId: GROUP_ID } }],
    ['a setRouting to level 4', { ...envelope, type: 'setRouting', payload: { groupId: GROUP_ID, level: 4 } }],
    ['a setRouting to a non-uuid group', { ...envelope, type: 'setRouting', payload: { groupId: 'general', level: 1 } }],
    ['a setRouting with an assignee', { ...envelope, type: 'setRouting', payload: { groupId: GROUP_ID, level: 1, assigneeId: ANNA.id } }],
    ['a markPrecedent given as a string', { ...envelope, type: 'markPrecedent', payload: { precedent: 'yes' } }],
    ['a markPrecedent with an article', { ...envelope, type: 'markPrecedent', payload: { precedent: true, article: 'x' } }],
    ['a non-object', 'take'],
  ])('rejects %s', (_label, candidate) => {
    expect(MutationSchema.safeParse(candidate).success).toBe(false);
  });

  it('accepts a body of exactly 20,000 characters', () => {
    expect(MutationSchema.safeParse({ ...envelope, type: 'reply', payload: { body: 'a'.repeat(20_000) } }).success).toBe(true);
  });

  it('explains an over-long body in its error message', () => {
    const result = MutationSchema.safeParse({ ...envelope, type: 'reply', payload: { body: 'a'.repeat(20_001) } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('the message is longer than 20000 characters');
  });

  it('explains an empty body in its error message', () => {
    const result = MutationSchema.safeParse({ ...envelope, type: 'note', payload: { body: '  ' } });
    expect(result.error?.issues.map((issue) => issue.message)).toContain('the message is empty');
  });
});
