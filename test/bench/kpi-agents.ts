import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AssignmentNotice, type ClientToServerEvents, type Mutation, type MutationOutcome, type Priority, type ServerToClientEvents } from '../../core';
import type { SeededAgent } from './seed-agents';

type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a simulated agent does; each is one `mutations:push` of one intent. */
export const ACTIONS = ['reply', 'note', 'take', 'waiting', 'resume', 'fixed', 'priority'] as const;
export type Action = (typeof ACTIONS)[number];

/** How each action reads in the printed load. */
export const ACTION_LABELS: Record<Action, string> = {
  reply: 'reply',
  note: 'note',
  take: 'take',
  waiting: 'setStatus waiting_for_customer',
  resume: 'setStatus in_progress',
  fixed: 'setStatus fixed',
  priority: 'setPriority',
};

/**
 * The intended share of each action: a ticket's life here is take, a few replies and notes, a wait
 * for the customer and back, now and then a priority change, then Fixed (about ten intents a ticket).
 */
export const MIX: Record<Action, number> = { reply: 0.3, note: 0.27, take: 0.08, waiting: 0.1, resume: 0.08, fixed: 0.1, priority: 0.07 };

const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const CONNECT_TIMEOUT_MS = 60_000;
const ACK_TIMEOUT_MS = 120_000;

/** One of the agent's open tickets as its console sees it (optimistically: intents sent are applied here at once). */
type HeldTicket = { id: string; status: 'new' | 'in_progress' | 'waiting_for_customer'; priority: Priority; replied: boolean };

/** One intent sent, and what became of it. Times are performance.now() in this process, except `sentWall` (Date.now()). */
export type SentEvent = {
  agentId: string;
  action: Action;
  dueAt: number;
  sentAt: number;
  sentWall: number;
  ackAt: number | null;
  outcome: 'applied' | 'rejected' | 'failed' | null;
  detail: string | null;
  /** For a Fixed that may serve as an end-to-end probe: the agent's solvedToday once it is applied. */
  probe: { expectedSolved: number | null; spoiled: boolean } | null;
};


function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * A simulated agent: a socket.io client with the agent's session (websocket, own connection,
 * online), which learns its tickets from `ticket:assigned` and works them with intents. It does
 * not wait for one answer before sending the next (the load is open loop); its view of a ticket
 * moves on as soon as it sends, as the console's optimistic view does. The server applies one
 * socket's pushes in the order sent, so that view and the server's agree unless something is
 * refused (refusals are counted).
 */
export class SimulatedAgent {
  private socket: DeskSocket | null = null;
  private readonly tickets = new Map<string, HeldTicket>();
  /** Fixed intents sent and not yet answered (an end-to-end probe needs to be the only one). */
  private readonly fixesInFlight = new Set<SentEvent>();
  private appliedFixes = 0;
  /** The agent's solvedToday in the supervisor's snapshot when the measured phase began. */
  solvedBaseline = 0;
  unplannedDisconnects: string[] = [];

  constructor(readonly agent: SeededAgent) {}

  get held(): number {
    return this.tickets.size;
  }

  heldNew(): number {
    return [...this.tickets.values()].filter((ticket) => ticket.status === 'new').length;
  }

  /** The tickets routed to this agent before its console connected (as its first sync would show them). */
  holdAtStart(tickets: readonly { ticketId: string; priority: Priority }[]): void {
    for (const ticket of tickets) this.tickets.set(ticket.ticketId, { id: ticket.ticketId, status: 'new', priority: ticket.priority, replied: false });
  }

  connect(url: string): Promise<void> {
    const socket: DeskSocket = io(url, {
      auth: { token: this.agent.token, protocolVersion: PROTOCOL_VERSION, presence: 'online' },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    this.socket = socket;
    socket.on('ticket:assigned', (notice: AssignmentNotice) => {
      this.tickets.set(notice.ticketId, { id: notice.ticketId, status: 'new', priority: notice.priority, replied: false });
    });
    socket.on('disconnect', (reason) => {
      if (this.socket === socket) this.unplannedDisconnects.push(reason);
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(new Error(`agent ${this.agent.id}: connect_error ${error.message}`)));
    });
  }

  /** Actions this agent can take now, given the tickets it holds. */
  feasible(): Action[] {
    return ACTIONS.filter((action) => this.candidates(action).length > 0);
  }

  /**
   * Sends one intent of `action` (which must be feasible) about one of its tickets, chosen at
   * random, and records its answer into the returned event when it comes.
   */
  send(action: Action, dueAt: number, random: () => number): SentEvent {
    const socket = this.socket;
    if (!socket) throw new Error(`agent ${this.agent.id} is not connected`);
    const ticket = pick(this.candidates(action), random);
    const mutation = this.intent(action, ticket, random);
    const event: SentEvent = {
      agentId: this.agent.id,
      action,
      dueAt,
      sentAt: performance.now(),
      sentWall: Date.now(),
      ackAt: null,
      outcome: null,
      detail: null,
      probe: null,
    };
    if (action === 'fixed') {
      // Two Fixed of one agent in flight at once could be folded in either order: neither can tell its own update apart.
      event.probe = { expectedSolved: null, spoiled: this.fixesInFlight.size > 0 };
      this.fixesInFlight.forEach((other) => (other.probe!.spoiled = true));
      this.fixesInFlight.add(event);
    }
    if (!socket.connected) {
      // socket.io-client would buffer it until a reconnection this client never makes.
      this.settle(event, 'failed', 'not sent: the socket had dropped');
      return event;
    }
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('mutations:push', { mutations: [mutation] })
      .then(
        (answer) => {
          const outcome: MutationOutcome | undefined = answer.ok ? answer.outcomes[0] : undefined;
          this.settle(event, outcome ? outcome.state : 'failed', answer.ok ? (outcome?.state === 'rejected' ? outcome.rejection.code : null) : answer.error);
        },
        (error: unknown) => this.settle(event, 'failed', error instanceof Error ? error.message : String(error)),
      );
    return event;
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
  }

  private settle(event: SentEvent, outcome: NonNullable<SentEvent['outcome']>, detail: string | null): void {
    event.ackAt = performance.now();
    event.outcome = outcome;
    event.detail = detail;
    if (event.action !== 'fixed') return;
    this.fixesInFlight.delete(event);
    if (outcome === 'applied') {
      this.appliedFixes++;
      // No other Fixed of this agent was in flight: every earlier one is folded already, none later yet.
      event.probe!.expectedSolved = this.solvedBaseline + this.appliedFixes;
    }
  }

  private candidates(action: Action): HeldTicket[] {
    const all = [...this.tickets.values()];
    switch (action) {
      case 'take':
        return all.filter((ticket) => ticket.status === 'new');
      case 'waiting':
        return all.filter((ticket) => ticket.status === 'in_progress');
      case 'resume':
        return all.filter((ticket) => ticket.status === 'waiting_for_customer');
      case 'fixed':
        // Solved after the customer got an answer, as a desk works.
        return all.filter((ticket) => ticket.status !== 'new' && ticket.replied);
      case 'reply':
      case 'note':
      case 'priority':
        return all;
    }
  }

  /** The intent, and this console's view of the ticket after it. */
  private intent(action: Action, ticket: HeldTicket, random: () => number): Mutation {
    const envelope = { id: randomUUID(), ticketId: ticket.id, createdAt: Date.now() };
    switch (action) {
      case 'take':
        ticket.status = 'in_progress';
        return { ...envelope, type: 'take', payload: {} };
      case 'reply':
        ticket.replied = true;
        if (ticket.status === 'new') ticket.status = 'in_progress';
        return { ...envelope, type: 'reply', payload: { body: 'Thank you for the details. We have reproduced the problem with the invoice page and are preparing a fix; you will hear from us shortly.' } };
      case 'note':
        return { ...envelope, type: 'note', payload: { body: 'Checked the logs: the error started after the last deployment. Same pattern as the previous ticket of this customer.' } };
      case 'waiting':
        ticket.status = 'waiting_for_customer';
        return { ...envelope, type: 'setStatus', payload: { status: 'waiting_for_customer' } };
      case 'resume':
        ticket.status = 'in_progress';
        return { ...envelope, type: 'setStatus', payload: { status: 'in_progress' } };
      case 'fixed':
        this.tickets.delete(ticket.id);
        return { ...envelope, type: 'setStatus', payload: { status: 'fixed' } };
      case 'priority': {
        const priority = pick(
          PRIORITIES.filter((other) => other !== ticket.priority),
          random,
        );
        ticket.priority = priority;
        return { ...envelope, type: 'setPriority', payload: { priority } };
      }
    }
  }
}

/** Draws an action by MIX weights among those given (the feasible ones). */
export function drawAction(feasible: readonly Action[], random: () => number): Action | null {
  const total = feasible.reduce((sum, action) => sum + MIX[action], 0);
  if (total === 0) return null;
  let point = random() * total;
  for (const action of feasible) {
    point -= MIX[action];
    if (point < 0) return action;
  }
  return feasible.at(-1) ?? null;
}

/** Connects every agent, `batch` at a time, so that a 2-core machine is not flooded with handshakes. */
export async function connectAgents(agents: readonly SimulatedAgent[], url: string, batch = 100): Promise<void> {
  for (let start = 0; start < agents.length; start += batch) {
    await Promise.all(agents.slice(start, start + batch).map((agent) => agent.connect(url)));
  }
}
