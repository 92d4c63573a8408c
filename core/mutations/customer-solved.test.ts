import { describe, expect, it } from 'vitest';
import { applyCustomerSolved } from './customer-solved';
import { ANNA, NOW, expectApplied, expectRefused, makeTicket } from './ticket.fixture';

const article = { id: '00000000-0000-4000-8000-00000000a001', title: 'Reset a forgotten password' };
const MESSAGE_ID = '00000000-0000-4000-8000-00000000e001';

describe('applyCustomerSolved ("This solved my problem")', () => {
  it.each(['new', 'in_progress', 'waiting_for_customer'] as const)('sets a %s ticket Fixed as the customer’s own resolution, with a line for the team', (status) => {
    const ticket = makeTicket({ status, assigneeId: status === 'new' ? null : ANNA.id, version: 4 });
    const result = expectApplied(applyCustomerSolved(ticket, { article, now: NOW, messageId: MESSAGE_ID }));
    expect(result.ticket).toEqual({ ...ticket, status: 'fixed', fixedAt: NOW, version: 5, updatedAt: NOW });
    expect(result.audit).toEqual({ type: 'ticket.self_solved', data: { from: status, articleId: article.id } });
    expect(result.messages).toEqual([expect.objectContaining({ id: MESSAGE_ID, kind: 'system', body: expect.stringContaining('“Reset a forgotten password”') })]);
  });

  it.each(['hold', 'fixed', 'closed', 'canceled'] as const)('refuses a %s ticket', (status) => {
    expect(expectRefused(applyCustomerSolved(makeTicket({ status }), { article, now: NOW, messageId: MESSAGE_ID })).rejection.code).toMatch(/transition_not_allowed|ticket_final/);
  });
});
