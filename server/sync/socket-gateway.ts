import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  CONNECT_ERRORS,
  MutationSchema,
  PROTOCOL_VERSION,
  PUSH_BATCH_MAX,
  PullRequestSchema,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../core';
import type { AuthenticatedSession, AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { TicketService } from '../features/tickets/ticket-service';
import type { Logger } from '../logger';
import type { Database } from '../store/database';
import type { ChangeFeed } from './change-feed';
import { pullPage } from './pull';
import { streamBatchesFor } from './stream';

type SocketData = { session: AuthenticatedSession };
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type GatewayComponents = {
  auth: AuthService;
  tickets: TicketService;
  database: Database;
  feed: ChangeFeed;
  clock: Clock;
  logger: Logger;
};

const HandshakeSchema = z.object({ token: z.string().min(1).max(200), protocolVersion: z.unknown() });
const PushRequestSchema = z.object({ mutations: z.array(z.unknown()).min(1).max(PUSH_BATCH_MAX) });

/**
 * Sockets carry sync. Every connection is authenticated at the handshake, and every event checks
 * that its session is still alive and validates its payload before touching anything.
 */
export function attachSocketGateway(io: DeskServer, components: GatewayComponents): () => void {
  const { auth, clock, logger } = components;

  io.use(async (socket, next) => {
    const handshake = HandshakeSchema.safeParse(socket.handshake.auth);
    // Checked before the token: a console too old to send a version is told to update, not to sign in.
    if (handshake.success && handshake.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(new Error(CONNECT_ERRORS.protocolMismatch));
    }
    const session = handshake.success ? await auth.authenticate(handshake.data.token).catch(() => null) : null;
    if (!session) return next(new Error(CONNECT_ERRORS.unauthorized));
    socket.data.session = session;
    next();
  });

  io.on('connection', (socket) => {
    const { agent, sessionId } = socket.data.session;
    void socket.join([sessionRoom(sessionId), agentRoom(agent.id), ...(agent.role === 'agent' ? [] : [SUPERVISORS_ROOM])]);
    registerSyncHandlers(socket, components);
  });

  const endSession = (sessionId: string) => {
    io.to(sessionRoom(sessionId)).emit('session:ended', { reason: 'signed_out' });
    io.in(sessionRoom(sessionId)).disconnectSockets(true);
  };
  auth.events.on('revoked', endSession);

  const unsubscribe = components.feed.subscribe((change) => {
    for (const socket of io.of('/').sockets.values()) {
      for (const batch of streamBatchesFor(socket.data.session.agent, change)) socket.emit('sync:changed', batch);
    }
  });
  logger.debug('socket gateway attached');
  return () => {
    unsubscribe();
    auth.events.off('revoked', endSession);
  };


  function registerSyncHandlers(socket: DeskSocket, { database, tickets }: GatewayComponents) {
    const live = (): boolean => {
      if (socket.data.session.expiresAt > clock.now()) return true;
      socket.emit('session:ended', { reason: 'expired' });
      socket.disconnect(true);
      return false;
    };

    socket.on('sync:pull', async (request, ack) => {
      if (typeof request === 'function') return (request as typeof ack)(MISSING_PAYLOAD);
      if (typeof ack !== 'function' || !live()) return;
      const parsed = PullRequestSchema.safeParse(request);
      if (!parsed.success) return ack(invalid(parsed.error));
      try {
        ack({ ok: true, ...(await pullPage(database.db, socket.data.session.agent, parsed.data)) });
      } catch (error) {
        logger.error({ err: error }, 'pull failed');
        ack({ ok: false, error: 'pull failed on the server' });
      }
    });

    socket.on('mutations:push', async (request, ack) => {
      if (typeof request === 'function') return (request as typeof ack)(MISSING_PAYLOAD);
      if (typeof ack !== 'function' || !live()) return;
      const batch = PushRequestSchema.safeParse(request);
      if (!batch.success) return ack(invalid(batch.error));
      const parsed = batch.data.mutations.map((mutation) => MutationSchema.safeParse(mutation));
      const badIndex = parsed.findIndex((result) => !result.success);
      const bad = parsed[badIndex];
      if (bad && !bad.success) return ack(invalid(bad.error, `mutation ${badIndex}`));
      try {
        const mutations = parsed.flatMap((result) => (result.success ? [result.data] : []));
        const outcomes = await tickets.applyPushed(socket.data.session.agent, mutations);
        ack({ ok: true, outcomes });
      } catch (error) {
        logger.error({ err: error }, 'push failed');
        ack({ ok: false, error: 'push failed on the server' });
      }
    });
  }
}

const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every socket of one agent, on every server process (with the Redis adapter). */
export const agentRoom = (agentId: string) => `agent:${agentId}`;
/** Every socket of supervisors and admins. */
export const SUPERVISORS_ROOM = 'supervisors';

/** socket.io passes the acknowledgement first when an event is sent without a payload. */
const MISSING_PAYLOAD = { ok: false, error: 'invalid request: the payload is missing' } as const;

function invalid(error: z.ZodError, where?: string): Ack<never> {
  const issue = error.issues[0];
  const path = [where, ...(issue?.path ?? [])].filter((part) => part !== undefined).join('.');
  return { ok: false, error: `invalid request${path ? ` at ${path}` : ''}: ${issue?.message ?? 'malformed'}` };
}
