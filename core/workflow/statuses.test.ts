import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../domain/ticket';
import { REJECTION_CODES } from './rejection';
import { allowedTransitions, checkTransition, FINAL_STATUSES, type TransitionCause } from './statuses';

/**
 * The statuses table of PRODUCT.md, written out by hand so that a change of the rules in
 * statuses.ts has to be a deliberate change here too.
 */
const EXPECTED: Record<TransitionCause, Record<TicketStatus, readonly TicketStatus[]>> = {
  agent: {
    new: ['in_progress', 'canceled'],
    in_progress: ['waiting_for_customer', 'hold', 'fixed', 'canceled'],
    waiting_for_customer: ['in_progress', 'fixed', 'canceled'],
    hold: ['in_progress', 'canceled'],
    fixed: [],
    closed: [],
    canceled: [],
  },
  customer: {
    // "This solved my problem" under an offered article, from any status it may be offered in.
    new: ['fixed'],
    in_progress: ['fixed'],
    waiting_for_customer: ['in_progress', 'fixed'],
    hold: [],
    fixed: ['in_progress'],
    closed: [],
    canceled: [],
  },
  timer: {
    new: [],
    in_progress: [],
    waiting_for_customer: [],
    hold: ['in_progress'],
    fixed: ['closed'],
    closed: [],
    canceled: [],
  },
};

const ALL_STATUSES: readonly TicketStatus[] = [
  'new',
  'in_progress',
  'waiting_for_customer',
  'hold',
  'fixed',
  'closed',
  'canceled',
];

const pairs = (cause: TransitionCause) =>
  ALL_STATUSES.flatMap((from) =>
    ALL_STATUSES.map((to) => ({ from, to, allowed: EXPECTED[cause][from].includes(to) })),
  );

describe('the statuses table', () => {
  it('knows exactly the seven statuses of PRODUCT.md', () => {
    expect([...TICKET_STATUSES].sort()).toEqual([...ALL_STATUSES].sort());
  });

  it('treats Closed and Canceled as the only final statuses', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['canceled', 'closed']);
  });
});

describe.each(['agent', 'customer', 'timer'] as const)('checkTransition for cause %s', (cause) => {
  const table = pairs(cause);

  it.each(table.filter((pair) => pair.allowed))('allows $from → $to', ({ from, to }) => {
    expect(checkTransition(from, to, cause)).toBeNull();
  });

  it.each(table.filter((pair) => !pair.allowed))('refuses $from → $to with a reason', ({ from, to }) => {
    const rejection = checkTransition(from, to, cause);
    expect(rejection).not.toBeNull();
    const expectedCode = FINAL_STATUSES.includes(from) ? 'ticket_final' : 'transition_not_allowed';
    expect(rejection?.code).toBe(expectedCode);
    expect(rejection?.message.trim()).not.toBe('');
    expect(rejection?.params).toEqual({ from, to });
    expect(REJECTION_CODES).toContain(rejection?.code);
  });

  it.each(ALL_STATUSES)('lists the allowed targets from %s', (from) => {
    expect([...allowedTransitions(from, cause)].sort()).toEqual([...EXPECTED[cause][from]].sort());
  });
});

describe('checkTransition defaults', () => {
  it('treats a call without a cause as an agent intent', () => {
    expect(checkTransition('new', 'in_progress')).toBeNull();
    expect(checkTransition('fixed', 'closed')?.code).toBe('transition_not_allowed');
    expect(allowedTransitions('hold')).toEqual(EXPECTED.agent.hold);
  });
});

describe('refusal messages an agent reads', () => {
  it('explains that tickets close by themselves', () => {
    expect(checkTransition('fixed', 'closed', 'agent')?.message).toMatch(/48 hours/);
    expect(checkTransition('in_progress', 'closed', 'agent')?.message).toMatch(/48 hours/);
  });

  it('explains that a ticket cannot return to New', () => {
    expect(checkTransition('in_progress', 'new', 'agent')?.message).toMatch(/cannot return to New/);
  });

  it('asks the agent to take a New ticket before changing its status', () => {
    expect(checkTransition('new', 'fixed', 'agent')?.message).toMatch(/take the ticket/);
  });

  it('explains that a Fixed ticket reopens only when the customer writes', () => {
    expect(checkTransition('fixed', 'in_progress', 'agent')?.message).toMatch(/customer writes again/);
  });

  it('names both statuses for other refusals', () => {
    expect(checkTransition('hold', 'fixed', 'agent')?.message).toBe('a ticket cannot go from hold to fixed');
    expect(checkTransition('hold', 'hold', 'agent')?.message).toBe('the ticket is already hold');
  });

  it('says a final ticket can no longer change', () => {
    expect(checkTransition('closed', 'in_progress', 'customer')?.message).toBe(
      'the ticket is closed and can no longer change',
    );
    expect(checkTransition('canceled', 'in_progress', 'timer')?.message).toBe(
      'the ticket is canceled and can no longer change',
    );
  });
});
