import type { Agent, Ticket } from '../../core';

/**
 * THE rule of who may see a ticket (and so its messages). Every read goes through it: pulls,
 * the live stream, HTTP reads, and mutations (a ticket you may not see does not exist for you).
 * In this slice every active agent sees every ticket; routing narrows it to groups.
 */
export function canSeeTicket(agent: Pick<Agent, 'id' | 'role' | 'active'>, _ticket: Ticket): boolean {
  return agent.active;
}
