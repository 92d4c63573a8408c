import type { Intent, TicketView } from '../../renderer/sync/desk-session';
import { ALL_AGENTS, GROUP_NAMES, type DeskTeam } from './desk-team';
import type { AgentSeat } from './fault-world';

/**
 * The intents the runs make. Agents also try what only supervisors may do (assign others, move
 * tickets): the server must refuse it with a reason, and the console must show that refusal.
 */
export const INTENT_KINDS = [
  'take',
  'reply',
  'note',
  'in_progress',
  'waiting_for_customer',
  'hold',
  'fixed',
  'canceled',
  'priority',
  'assign',
  'escalate',
  'setRouting',
] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

/** A generated choice, resolved against what the console holds when the command runs. */
export type IntentChoice = { kind: IntentKind; pick: number; arg: number };

const PRIORITY_CHOICES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * The intent for `choice` on one of the tickets the console shows (picked by number order, so a
 * replay picks alike when it holds alike), or null when it holds none.
 */
export function intentFor(seat: AgentSeat, tickets: readonly TicketView[], team: DeskTeam, choice: IntentChoice, label: string): Intent | null {
  const ticket = tickets[choice.pick % Math.max(tickets.length, 1)];
  if (!ticket) return null;
  const ticketId = ticket.id;
  const { arg } = choice;
  switch (choice.kind) {
    case 'take':
      return { ticketId, type: 'take', payload: {} };
    case 'reply':
    case 'note':
      return { ticketId, type: choice.kind, payload: { body: `${choice.kind} ${label} by ${seat.agent.name}` } };
    case 'in_progress':
    case 'waiting_for_customer':
    case 'fixed':
      return { ticketId, type: 'setStatus', payload: { status: choice.kind } };
    case 'hold':
      // Half of the holds name their end (within the 30 days), half take the default.
      return { ticketId, type: 'setStatus', payload: arg % 2 ? { status: 'hold', holdUntil: Date.now() + (1 + (arg % 20)) * 86_400_000 } : { status: 'hold' } };
    case 'canceled': {
      const original = tickets[(choice.pick + 1 + arg) % tickets.length]!;
      return { ticketId, type: 'setStatus', payload: { status: 'canceled', duplicateOf: original.number } };
    }
    case 'priority':
      return { ticketId, type: 'setPriority', payload: { priority: PRIORITY_CHOICES[arg % PRIORITY_CHOICES.length]! } };
    case 'assign': {
      // Agents may take it or give it back; supervisors and admins give it to anyone.
      const manages = seat.agent.role !== 'agent';
      const targets = manages ? [...ALL_AGENTS.map((name) => team.agents[name].id), null] : [seat.agent.id, null];
      return { ticketId, type: 'assign', payload: { assigneeId: targets[arg % targets.length]! } };
    }
    case 'escalate':
      return { ticketId, type: 'escalate', payload: { reason: `escalated ${label}: needs the next line` } };
    case 'setRouting': {
      const group = team.groups[GROUP_NAMES[arg % GROUP_NAMES.length]!];
      return { ticketId, type: 'setRouting', payload: { groupId: group.id, level: 1 + (Math.floor(arg / 3) % 3) } };
    }
  }
}
