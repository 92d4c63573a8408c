import type { Ticket } from '../../core';
import { unacknowledgedAssignments } from '../../renderer/features/alerts/unacknowledged';
import { canSeeTicket } from '../../server/sync/visibility';
import type { ConsoleHoldings } from './console-state';
import type { AgentSeat, FaultWorld } from './fault-world';
import type { AgentView, ServerRecords } from './server-view';

/** One moment at which every console equals the server: what every check below reads. */
export type FinalState = {
  views: Map<AgentSeat, AgentView>;
  holdings: Map<AgentSeat, ConsoleHoldings>;
  records: ServerRecords;
  /** agentId → the groups they belong to now. */
  groups: Map<string, string[]>;
};

const MESSAGE_INTENTS = new Set(['reply', 'note', 'escalate']);

/** Every broken promise of the run, as a sentence; empty when all hold. */
export function findViolations(world: FaultWorld, final: FinalState): string[] {
  const desk = final.views.get(world.adminSeat)!;
  return [...visibility(world, final, desk.tickets), ...assignments(world, final, desk.tickets), ...intents(world, final, desk), ...customerWrites(world, desk)];
}

/** No console holds a ticket or message its agent may not see, and the server's pulls follow the same rule. */
function visibility(world: FaultWorld, final: FinalState, everything: Map<string, Ticket>): string[] {
  const found: string[] = [];
  for (const seat of world.seats) {
    const viewer = { id: seat.agent.id, role: seat.agent.role, active: true, groupIds: final.groups.get(seat.agent.id) ?? [] };
    const view = final.views.get(seat)!;
    const held = final.holdings.get(seat)!;
    for (const ticket of everything.values()) {
      const allowed = canSeeTicket(viewer, ticket);
      if (allowed !== view.tickets.has(ticket.id)) found.push(`visibility: the server ${allowed ? 'withholds' : 'gives'} #${ticket.number} ${allowed ? 'from' : 'to'} ${seat.agent.name} against the rule`);
      if (!allowed && held.tickets.has(ticket.id)) found.push(`visibility: ${seat.agent.name}'s console holds #${ticket.number}, which they may not see`);
      if (!allowed && held.messages.get(ticket.id)?.length) found.push(`visibility: ${seat.agent.name}'s console holds ${held.messages.get(ticket.id)!.length} messages of #${ticket.number}, which they may not see`);
    }
    for (const id of held.tickets.keys()) if (!everything.has(id)) found.push(`visibility: ${seat.agent.name}'s console holds a ticket (${id}) that does not exist on the server`);
  }
  return found;
}

/** Every ticket assigned to a console's agent is in that console, assigned, and raises its alert when someone else gave it. */
function assignments(world: FaultWorld, final: FinalState, everything: Map<string, Ticket>): string[] {
  const found: string[] = [];
  for (const seat of world.seats) {
    const held = final.holdings.get(seat)!;
    const alerts = new Set(unacknowledgedAssignments([...held.tickets.values()], seat.agent.id, {}).map((ticket) => ticket.id));
    for (const ticket of everything.values()) {
      if (ticket.assigneeId !== seat.agent.id) continue;
      const local = held.tickets.get(ticket.id);
      if (!local) {
        found.push(`assignment lost: #${ticket.number} is assigned to ${seat.agent.name}, whose console does not hold it`);
        continue;
      }
      if (local.assigneeId !== ticket.assigneeId || local.assignedAt !== ticket.assignedAt || local.assignedBy !== ticket.assignedBy) {
        found.push(`assignment lost: ${seat.agent.name}'s console shows #${ticket.number} as assigned to ${local.assigneeId} at ${local.assignedAt} by ${local.assignedBy}, the server ${ticket.assigneeId} at ${ticket.assignedAt} by ${ticket.assignedBy}`);
      }
      const alerting = ['new', 'in_progress', 'waiting_for_customer', 'hold'].includes(ticket.status) && ticket.assignedAt !== null && ticket.assignedBy !== seat.agent.id;
      if (alerting && !alerts.has(ticket.id)) found.push(`assignment lost: #${ticket.number} was given to ${seat.agent.name} by ${ticket.assignedBy ?? 'routing'}, and their console raises no alert for it`);
    }
  }
  return found;
}

/**
 * Every intent a console recorded: none lost while pending, none left pending, each decided once,
 * and the console says what the server recorded (applied, or refused with the same reason).
 * Applied intents took effect exactly once (one audit event each; one message each for replies,
 * notes and escalations); pushes the consoles never saw answered took effect at most once.
 */
function intents(world: FaultWorld, final: FinalState, desk: AgentView): string[] {
  const found: string[] = [];
  const { mutations, agentEventsPerTicket } = final.records;
  const messageCount = new Map<string, number>();
  for (const list of desk.messages.values()) for (const message of list) messageCount.set(message.id, (messageCount.get(message.id) ?? 0) + 1);
  const recordedByConsoles = new Set<string>();
  for (const seat of world.seats) {
    for (const trace of seat.traces.values()) {
      recordedByConsoles.add(trace.id);
      const what = `${seat.agent.name}'s ${trace.type} ${trace.id.slice(0, 8)}`;
      const server = mutations.get(trace.id);
      if (trace.removedWhile === 'pending') found.push(`intent lost: ${what} left the outbox while still pending`);
      if (trace.last === 'pending' && trace.removedWhile === null) found.push(`intent stuck: ${what} is still pending after the heal`);
      if (trace.states.includes('applied') && trace.states.includes('rejected')) found.push(`intent decided twice: ${what} went ${trace.states.join(' → ')}`);
      const everApplied = trace.states.includes('applied');
      const everRejected = trace.states.includes('rejected');
      if (server && server.agentId !== seat.agent.id) found.push(`intent ${what} is recorded on the server for another agent (${server.agentId})`);
      if (everApplied && (!server || server.state !== 'applied')) found.push(`acknowledged write lost: ${what} was shown applied, the server has ${server ? server.state : 'no record of it'}`);
      if (everApplied && server?.state === 'applied' && server.ticketVersion !== trace.ticketVersion) found.push(`${what}: applied at version ${trace.ticketVersion} on the console, ${server.ticketVersion} on the server`);
      if (everRejected && !server) found.push(`intent refused on the console only: ${what} shows "${trace.rejection?.code}: ${trace.rejection?.message}", but the server never decided it`);
      if (everRejected && server && (server.state !== 'rejected' || server.rejectionCode !== trace.rejection?.code)) {
        found.push(`${what}: the console shows it refused (${trace.rejection?.code}), the server recorded ${server.state}${server.rejectionCode ? ` (${server.rejectionCode})` : ''}`);
      }
      if (MESSAGE_INTENTS.has(trace.type)) {
        const expected = server?.state === 'applied' ? 1 : 0;
        const count = messageCount.get(trace.id) ?? 0;
        if (count !== expected) found.push(`${what}: ${count} messages with its id on the server, expected ${expected} (${server?.state ?? 'unrecorded'})`);
      }
    }
  }
  const appliedPerTicket = new Map<string, number>();
  for (const [id, row] of mutations) {
    if (!recordedByConsoles.has(id)) found.push(`the server recorded an intent ${id.slice(0, 8)} (${row.type}) that no console made`);
    if (row.state === 'applied') appliedPerTicket.set(row.ticketId, (appliedPerTicket.get(row.ticketId) ?? 0) + 1);
  }
  for (const ticketId of new Set([...appliedPerTicket.keys(), ...agentEventsPerTicket.keys()])) {
    const applied = appliedPerTicket.get(ticketId) ?? 0;
    const events = agentEventsPerTicket.get(ticketId) ?? 0;
    if (applied !== events) found.push(`exactly once: ticket ${ticketId} has ${applied} applied intents but ${events} agent audit events`);
  }
  return found;
}

/** Every acknowledged intake and customer message exists exactly once; refused ones not at all; unanswered ones at most once. */
function customerWrites(world: FaultWorld, desk: AgentView): string[] {
  const found: string[] = [];
  const tickets = [...desk.tickets.values()];
  const numbers = new Set(tickets.map((ticket) => ticket.number));
  if (numbers.size !== tickets.length) found.push(`ticket numbers repeat: ${tickets.length} tickets, ${numbers.size} numbers`);
  const expected = { acknowledged: [1, 1], refused: [0, 0], unknown: [0, 1] } as const;
  for (const intake of world.intakes) {
    const matching = tickets.filter((ticket) => ticket.subject === intake.subject);
    const [min, max] = expected[intake.state];
    if (matching.length < min || matching.length > max) found.push(`intake "${intake.subject}" (${intake.state}) exists ${matching.length} times`);
    if (intake.state === 'acknowledged' && matching[0] && (matching[0].id !== intake.id || matching[0].number !== intake.number)) found.push(`intake "${intake.subject}" was acknowledged as #${intake.number}, the desk has #${matching[0].number}`);
  }
  const customerBodies = new Map<string, number>();
  for (const list of desk.messages.values()) for (const message of list) if (message.kind === 'customer') customerBodies.set(message.body, (customerBodies.get(message.body) ?? 0) + 1);
  for (const written of world.customerMessages) {
    const count = customerBodies.get(written.body) ?? 0;
    const [min, max] = expected[written.state];
    if (count < min || count > max) found.push(`customer message "${written.body}" on #${written.number} (${written.state}) exists ${count} times`);
  }
  return found;
}
