import type { Mutation } from '../mutations';
import type { Ack, MutationOutcome, PullBatch, PullRequest, StreamBatch } from './sync';

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
};

/** A lifecycle push about one ticket: enough for a notification without a lookup. */
export type TicketNotice = { ticketId: string; number: number; subject: string };

export type ServerToClientEvents = {
  'sync:changed': (batch: StreamBatch) => void;
  /** 80% of an SLA target is used: sent to the assignee and to supervisors and admins. */
  'sla:warning': (notice: TicketNotice & { clock: 'first_response' | 'resolution'; dueAt: number | null }) => void;
  /** A Hold ended by itself and the ticket is back In Progress: sent to the assignee. */
  'ticket:hold-ended': (notice: TicketNotice) => void;
  /** The session was revoked (sign-out elsewhere, deactivation): the console returns to sign-in. */
  'session:ended': (info: { reason: string }) => void;
};

export type SocketAuth = { token: string; protocolVersion: number };
