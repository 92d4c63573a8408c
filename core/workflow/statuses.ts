import type { TicketStatus } from '../domain/ticket';
import { reject, type Rejection } from './rejection';

/** Who causes a transition: an agent's intent, or the system (customer mail, timers). */
export type TransitionCause = 'agent' | 'customer' | 'timer';

/**
 * The statuses table of PRODUCT.md. A transition not listed here is refused.
 * - agents take New tickets (→ In Progress) or cancel them as duplicates;
 * - agents move a ticket they work between In Progress, Waiting, Hold and Fixed;
 * - a customer's message returns Waiting to In Progress and reopens Fixed;
 * - a customer whose request an offered article solved sets it Fixed ("This solved my problem")
 *   from New, In Progress or Waiting, credited to no agent;
 * - timers end Hold (→ In Progress) and close Fixed tickets 48 h later;
 * - Closed and Canceled are final.
 */
const TRANSITIONS: Record<TransitionCause, Partial<Record<TicketStatus, readonly TicketStatus[]>>> = {
  agent: {
    new: ['in_progress', 'canceled'],
    in_progress: ['waiting_for_customer', 'hold', 'fixed', 'canceled'],
    waiting_for_customer: ['in_progress', 'fixed', 'canceled'],
    hold: ['in_progress', 'canceled'],
  },
  customer: {
    new: ['fixed'],
    in_progress: ['fixed'],
    waiting_for_customer: ['in_progress', 'fixed'],
    fixed: ['in_progress'],
  },
  timer: {
    hold: ['in_progress'],
    fixed: ['closed'],
  },
};

export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'canceled'];

/**
 * Open work: everything not finished for good (Fixed counts until it closes: the customer may
 * reopen it). The console's "open" queue and the supervisors' backlogs are made of these.
 */
export const OPEN_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'hold', 'fixed'] as const satisfies readonly TicketStatus[];

export const isOpenStatus = (status: TicketStatus): boolean => (OPEN_STATUSES as readonly TicketStatus[]).includes(status);

export function allowedTransitions(from: TicketStatus, cause: TransitionCause = 'agent'): readonly TicketStatus[] {
  return TRANSITIONS[cause][from] ?? [];
}

/** Returns null when the transition is allowed, or the reason it is refused. */
export function checkTransition(
  from: TicketStatus,
  to: TicketStatus,
  cause: TransitionCause = 'agent',
): Rejection | null {
  if (allowedTransitions(from, cause).includes(to)) return null;
  if (FINAL_STATUSES.includes(from)) {
    return reject('ticket_final', `the ticket is ${from} and can no longer change`, { from, to });
  }
  return reject('transition_not_allowed', explainRefusal(from, to, cause), { from, to });
}

function explainRefusal(from: TicketStatus, to: TicketStatus, cause: TransitionCause): string {
  if (cause === 'agent' && to === 'closed') return 'tickets close by themselves 48 hours after Fixed';
  if (cause === 'agent' && to === 'new') return 'a ticket cannot return to New';
  if (cause === 'agent' && from === 'new') return 'take the ticket before changing its status';
  if (cause === 'agent' && from === 'fixed') return 'a Fixed ticket reopens when the customer writes again';
  if (from === to) return `the ticket is already ${to}`;
  return `a ticket cannot go from ${from} to ${to}`;
}
