import type { Presence, PresenceReport } from '../domain/presence';
import type { Priority } from '../domain/ticket';
import type { Mutation } from '../mutations';
import type { KpiLiveSnapshot, KpiUpdate } from './kpi';
import type { Ack, MutationOutcome, PullBatch, PullRequest, StreamBatch, SyncEpoch } from './sync';

/** Who else has a ticket open right now, and whether they are typing in it. */
export type TicketViewer = { ticketId: string; agentId: string; name: string; typing: boolean };

/** What one console reports of its agent's attention: the open ticket (or none) and typing. */
export type ViewingReport = { ticketId: string | null; typing: boolean };

export type AgentPresence = { agentId: string; presence: Presence };

/**
 * The socket.io event maps, typed once for `Server<...>` and `Socket<...>`. Every client event
 * is authenticated (handshake token) and its payload validated before it touches anything.
 */
export type ClientToServerEvents = {
  /** One page of a collection's change feed after `checkpoint`, filtered by what this agent may see. */
  'sync:pull': (request: PullRequest, ack: (response: Ack<PullBatch>) => void) => void;
  /** Outbox mutations in the order the agent made them; applied in that order, idempotent by id. */
  'mutations:push': (
    request: { mutations: Mutation[] },
    ack: (response: Ack<{ outcomes: MutationOutcome[] }>) => void,
  ) => void;
  /** This console's presence (idle detection or the agent's own choice); answers the agent's resulting presence. */
  'presence:set': (report: PresenceReport, ack: (response: Ack<{ presence: Presence }>) => void) => void;
  /** Supervisors and admins: the presence of every active agent. */
  'presence:list': (request: Record<string, never>, ack: (response: Ack<{ agents: AgentPresence[] }>) => void) => void;
  /** Which ticket this console shows and whether its agent is typing; only tickets the agent may see. */
  'ticket:viewing': (report: ViewingReport, ack: (response: Ack<object>) => void) => void;
  /** Everyone viewing tickets this agent may see, right now (after connecting; changes follow as `collision:changed`). */
  'collision:snapshot': (request: Record<string, never>, ack: (response: Ack<{ viewers: TicketViewer[] }>) => void) => void;
  /** Supervisors and admins: live KPIs of their scope; answers the current snapshot, then `kpi:update` follows. */
  'kpi:subscribe': (request: Record<string, never>, ack: (response: Ack<{ snapshot: KpiLiveSnapshot }>) => void) => void;
  'kpi:unsubscribe': (request: Record<string, never>, ack: (response: Ack<object>) => void) => void;
};

/** A lifecycle push about one ticket: enough for a notification without a lookup. */
export type TicketNotice = { ticketId: string; number: number; subject: string };

/** Sent the moment a ticket is assigned to an agent by routing or by a supervisor; to that agent's sockets only. */
export type AssignmentNotice = TicketNotice & { priority: Priority; assignedAt: number };

export type ServerToClientEvents = {
  'sync:changed': (batch: StreamBatch) => void;
  /**
   * The server may have missed changes it should have streamed (scale-out: the relay between its
   * processes was down): pull from your checkpoints, as after a reconnect.
   */
  'sync:resync': () => void;
  /** The agent's sync epoch, on every connection and whenever it changes. */
  'sync:epoch': (epoch: SyncEpoch) => void;
  /** 80% of an SLA target is used: sent to the assignee and to supervisors and admins. */
  'sla:warning': (notice: TicketNotice & { clock: 'first_response' | 'resolution'; dueAt: number | null }) => void;
  /** A Hold ended by itself and the ticket is back In Progress: sent to the assignee. */
  'ticket:hold-ended': (notice: TicketNotice) => void;
  'ticket:assigned': (notice: AssignmentNotice) => void;
  /** To supervisors and admins: an agent's presence changed. */
  'presence:changed': (change: AgentPresence) => void;
  /** To those who may see the ticket: someone started or stopped viewing or typing in it ('left': closed it or went offline). */
  'collision:changed': (change: Omit<TicketViewer, 'typing'> & { activity: 'viewing' | 'typing' | 'left' }) => void;
  /** To subscribed supervisors and admins, within a second of the change (see KpiUpdate). */
  'kpi:update': (update: KpiUpdate) => void;
  /**
   * The session ended: `signed_out` (this or another sign-out, a password change), `expired` (its
   * lifetime is over), `idle` (unused longer than the idle timeout), `revoked` (deactivation, an
   * admin's reset). The console asks the agent to sign in again; pending intents are kept.
   */
  'session:ended': (info: { reason: SessionEndReason }) => void;
};

export type SocketAuth = { token: string; protocolVersion: number };

export const SESSION_END_REASONS = ['signed_out', 'expired', 'idle', 'revoked'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
