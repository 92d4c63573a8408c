import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/agent';
import { applyMarkPrecedent, MarkPrecedentPayloadSchema } from './mark-precedent';
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

const EXPERT: Actor = { id: '00000000-0000-4000-8000-0000000000e3', name: 'Erik Expert', role: 'agent', level: 3 };

describe('applyMarkPrecedent', () => {
  it('lets an L3 agent mark a solution as a precedent', () => {
    const ticket = makeTicket({ status: 'fixed', level: 3, assigneeId: EXPERT.id, fixedAt: NOW - 1_000, version: 6 });
    const result = expectApplied(applyMarkPrecedent(ticket, { precedent: true }, makeContext(EXPERT)));
    expect(result.ticket).toEqual({ ...ticket, precedent: true, version: 7, updatedAt: NOW });
    expect(result.messages).toEqual([]);
    expect(result.audit).toEqual({ type: 'ticket.precedent_marked', data: { precedent: true } });
  });

  it('lets an L3 agent take the mark back', () => {
    const ticket = makeTicket({ status: 'closed', precedent: true });
    const result = expectApplied(applyMarkPrecedent(ticket, { precedent: false }, makeContext(EXPERT)));
    expect(result.ticket.precedent).toBe(false);
    expect(result.audit.data).toEqual({ precedent: false });
  });

  it.each(['new', 'in_progress', 'fixed', 'closed', 'canceled'] as const)('is allowed on a %s ticket', (status) => {
    const result = expectApplied(applyMarkPrecedent(makeTicket({ status }), { precedent: true }, makeContext(EXPERT)));
    expect(result.ticket.status).toBe(status);
    expect(result.ticket.precedent).toBe(true);
  });

  it('does not need the ticket to be assigned to the expert', () => {
    const ticket = makeTicket({ status: 'fixed', assigneeId: BORIS.id, assignedAt: NOW - 5, assignedBy: null });
    const result = expectApplied(applyMarkPrecedent(ticket, { precedent: true }, makeContext(EXPERT)));
    expect(result.ticket).toMatchObject({ assigneeId: BORIS.id, assignedAt: NOW - 5, assignedBy: null });
  });

  it.each([
    ['an L1 agent', ANNA],
    ['an L2 agent', BORIS],
    ['an L1 admin', { ...ADMIN, level: 1 } satisfies Actor],
  ])('refuses %s with forbidden: the line decides, not the role', (_label, actor) => {
    const { rejection } = expectRefused(applyMarkPrecedent(makeTicket({ status: 'fixed' }), { precedent: true }, makeContext(actor)));
    expect(rejection.code).toBe('forbidden');
    expect(rejection.message).not.toBe('');
  });

  it('lets an L3 supervisor mark it', () => {
    expect(expectApplied(applyMarkPrecedent(makeTicket(), { precedent: true }, makeContext(SUPERVISOR))).ticket.precedent).toBe(true);
  });

  it('refuses setting the mark it already has with invalid_mutation, either way', () => {
    const marked = expectApplied(applyMarkPrecedent(makeTicket({ status: 'fixed' }), { precedent: true }, makeContext(EXPERT))).ticket;
    const again = expectRefused(applyMarkPrecedent(marked, { precedent: true }, makeContext(EXPERT)));
    expect(again.rejection.code).toBe('invalid_mutation');
    expect(again.rejection.message).toContain('already');
    const unmarked = expectRefused(applyMarkPrecedent(makeTicket({ precedent: false }), { precedent: false }, makeContext(EXPERT)));
    expect(unmarked.rejection.code).toBe('invalid_mutation');
  });

  it('does not mutate the ticket it is given', () => {
    const ticket = makeTicket({ status: 'fixed' });
    const before = snapshot(ticket);
    applyMarkPrecedent(ticket, { precedent: true }, makeContext(EXPERT));
    expect(ticket).toEqual(before);
  });
});

describe('MarkPrecedentPayloadSchema', () => {
  it('accepts true and false', () => {
    expect(MarkPrecedentPayloadSchema.safeParse({ precedent: true }).success).toBe(true);
    expect(MarkPrecedentPayloadSchema.safeParse({ precedent: false }).success).toBe(true);
  });

  it.each([
    ['a missing flag', {}],
    ['a flag given as a string', { precedent: 'true' }],
    ['a flag given as a number', { precedent: 1 }],
    ['an extra key', { precedent: true, articleTitle: 'How to' }],
  ])('rejects %s', (_label, payload) => {
    expect(MarkPrecedentPayloadSchema.safeParse(payload).success).toBe(false);
  });
});
