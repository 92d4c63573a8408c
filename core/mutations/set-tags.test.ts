import { describe, expect, it } from 'vitest';
import { MutationSchema } from './index';
import { applySetTags, SetTagsPayloadSchema, withTags } from './set-tags';
import { ANNA, BORIS, NOW, SUPERVISOR, expectApplied, expectRefused, makeContext, makeTicket } from './ticket.fixture';

describe('applySetTags', () => {
  it('replaces the tag list and records what was added and removed', () => {
    const ticket = makeTicket({ status: 'in_progress', assigneeId: ANNA.id, tags: ['printer', 'floor-2'], version: 3 });
    const result = expectApplied(applySetTags(ticket, { tags: ['printer', 'billing'] }, makeContext(ANNA)));
    expect(result.ticket).toEqual({ ...ticket, tags: ['printer', 'billing'], version: 4, updatedAt: NOW });
    expect(result.audit).toEqual({ type: 'ticket.tags_changed', data: { added: ['billing'], removed: ['floor-2'] } });
  });

  it('treats tags that differ only in case as one, kept as first written', () => {
    const ticket = makeTicket({ status: 'new', tags: ['VPN'] });
    const result = expectApplied(applySetTags(ticket, { tags: ['VPN', 'vpn', 'Billing', 'billing'] }, makeContext(ANNA)));
    expect(result.ticket.tags).toEqual(['VPN', 'Billing']);
    expect(result.audit.data).toEqual({ added: ['Billing'], removed: [] });
  });

  it('refuses a change that changes nothing, another agent’s ticket and a closed ticket', () => {
    expect(expectRefused(applySetTags(makeTicket({ status: 'new', tags: ['a'] }), { tags: ['A'] }, makeContext(ANNA))).rejection.code).toBe('invalid_mutation');
    const boris = makeTicket({ status: 'in_progress', assigneeId: BORIS.id });
    expect(expectRefused(applySetTags(boris, { tags: ['x'] }, makeContext(ANNA))).rejection.code).toBe('not_assigned');
    expect(expectApplied(applySetTags(boris, { tags: ['x'] }, makeContext(SUPERVISOR))).ticket.tags).toEqual(['x']);
    expect(expectRefused(applySetTags(makeTicket({ status: 'closed' }), { tags: ['x'] }, makeContext(SUPERVISOR))).rejection.code).toBe('ticket_final');
  });

  it('accepts only real tags, at most 50, as a setTags intent', () => {
    expect(SetTagsPayloadSchema.safeParse({ tags: [' '] }).success).toBe(false);
    expect(SetTagsPayloadSchema.safeParse({ tags: ['x'.repeat(61)] }).success).toBe(false);
    expect(SetTagsPayloadSchema.safeParse({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }).success).toBe(false);
    const intent = { id: '00000000-0000-4000-8000-000000000001', ticketId: '00000000-0000-4000-8000-000000000002', createdAt: 1, type: 'setTags', payload: { tags: [' billing '] } };
    expect(MutationSchema.parse(intent).payload).toEqual({ tags: ['billing'] });
  });

  it('adds tags to a list without doubling one', () => {
    expect(withTags(['Printer'], ['printer', 'toner'])).toEqual(['Printer', 'toner']);
  });
});
