import { z } from 'zod';
import { CONNECT_ERRORS, PROTOCOL_VERSION } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import { registerCollisionHandlers } from '../features/collision/collision-handlers';
import { registerPresenceHandlers } from '../features/presence/presence-handlers';
import { registerKpiHandlers } from '../features/kpi/kpi-handlers';
import type { KpiPublisher } from '../features/kpi/kpi-publisher';
import type { PresenceTracker } from '../features/presence/presence-tracker';
import type { TicketService } from '../features/tickets/ticket-service';
import type { Logger } from '../logger';
import { findAgentById, syncEpochOf } from '../store/agents-repository';
import type { Database } from '../store/database';
import type { ChangeFeed } from './change-feed';
import type { ClusterBus } from './cluster-bus';
import { loadViewer } from './load-viewer';
import { sessionRoom, viewerRooms, type DeskServer, type DeskSocket } from './socket-types';
import { LiveStream } from './stream-fanout';
import { registerSyncHandlers } from './sync-handlers';

export type GatewayComponents = {
  auth: AuthService;
  tickets: TicketService;
  database: Database;
  feed: ChangeFeed;
  bus: ClusterBus;
  presence: PresenceTracker;
  kpi: KpiPublisher;
  clock: Clock;
  logger: Logger;
};

const HandshakeSchema = z.object({ token: z.string().min(1).max(200), protocolVersion: z.unknown(), presence: z.unknown().optional() });
/** A console that starts away (the agent chose it) says so, so it gets no work in between. */
const HandshakePresenceSchema = z.enum(['online', 'away']).optional();

/** Published on the cluster bus when agents' groups or roles changed: their sockets re-read what they may see. */
export const VIEWERS_CHANGED_TOPIC = 'viewers:changed';
/** Published on the cluster bus when agents, roles, memberships or capacities changed (KPIs reload the team). */
export const TEAM_CHANGED_TOPIC = 'team:changed';

/**
 * Sockets carry sync, presence and collision. Every connection is authenticated at the
 * handshake; every event checks that its session is still alive and validates its payload
 * before touching anything. What a socket may see follows its agent's groups, refreshed (with a
 * new sync epoch) whenever they change.
 */
export function attachSocketGateway(io: DeskServer, components: GatewayComponents): () => void {
  const { auth, clock, logger, database, bus } = components;
  const initialPresence = new WeakMap<DeskSocket, 'online' | 'away'>();
  /** Per socket: the refresh in progress (refreshes never overlap) and the epoch last sent. */
  const refreshing = new WeakMap<DeskSocket, Promise<void>>();
  const sentEpochs = new WeakMap<DeskSocket, number>();

  io.use(async (socket, next) => {
    const handshake = HandshakeSchema.safeParse(socket.handshake.auth);
    // Checked before the token: a console too old to send a version is told to update, not to sign in.
    if (handshake.success && handshake.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(new Error(CONNECT_ERRORS.protocolMismatch));
    }
    const presence = HandshakePresenceSchema.safeParse(handshake.success ? handshake.data.presence : undefined);
    if (!presence.success) return next(new Error(CONNECT_ERRORS.invalidHandshake));
    try {
      const session = handshake.success ? await auth.authenticate(handshake.data.token) : null;
      if (!session || !handshake.success) return next(new Error(CONNECT_ERRORS.unauthorized));
      socket.data = { session, viewer: await loadViewer(database.db, session.agent), viewing: null, viewingRooms: [] };
      initialPresence.set(socket, presence.data ?? 'online');
      next();
    } catch (error) {
      // The session could not be checked (the database is down, say): not the agent's fault. A
      // refusal would be final (socket.io never retries one, and "unauthorized" sends the agent
      // back to sign-in), so drop the connection instead: the console reconnects with its usual
      // backoff, as after any network failure, and gets in once the database is back.
      logger.error({ err: error }, 'could not prepare a socket; connection dropped for the client to retry');
      socket.conn.close();
    }
  });

  io.on('connection', (socket) => {
    const { sessionId } = socket.data.session;
    void socket.join([sessionRoom(sessionId), ...viewerRooms(socket.data.viewer)]);
    // Read groups and epoch again now that the socket is registered: a membership change that
    // landed during the handshake reaches it either through this read or through the bus.
    refreshViewer(socket);
    const live = (): boolean => {
      if (socket.data.session.expiresAt > clock.now()) return true;
      socket.emit('session:ended', { reason: 'expired' });
      socket.disconnect(true);
      return false;
    };
    registerSyncHandlers(socket, { database, tickets: components.tickets, logger, live });
    registerPresenceHandlers(socket, { tracker: components.presence, database, logger, live, initial: initialPresence.get(socket) ?? 'online' });
    registerCollisionHandlers(io, socket, { database, logger, live });
    registerKpiHandlers(socket, { publisher: components.kpi, logger, live });
  });

  const endSession = (sessionId: string) => {
    io.to(sessionRoom(sessionId)).emit('session:ended', { reason: 'signed_out' });
    io.in(sessionRoom(sessionId)).disconnectSockets(true);
  };
  auth.events.on('revoked', endSession);

  const stream = new LiveStream(io);
  const unsubscribeFeed = components.feed.subscribe((change) => stream.push(change));

  const unsubscribeBus = bus.subscribe(VIEWERS_CHANGED_TOPIC, (payload) => {
    const agentIds = new Set((payload as { agentIds: string[] }).agentIds);
    for (const socket of io.of('/').sockets.values()) {
      if (agentIds.has(socket.data.viewer.id)) refreshViewer(socket);
    }
  });

  /**
   * Re-reads what the socket's agent may see: new rooms, new visibility, and the epoch (a new one
   * makes the console resync). Refreshes of one socket run one after another, and an epoch older
   * than the one already sent is never applied, so the newest groups always win.
   */
  function refreshViewer(socket: DeskSocket): void {
    const previous = refreshing.get(socket) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const agent = await findAgentById(database.db, socket.data.viewer.id);
        if (!agent?.active || !socket.connected) return; // deactivation ends the session itself
        const [viewer, epoch] = await Promise.all([loadViewer(database.db, agent), syncEpochOf(database.db, agent.id)]);
        if (epoch < (sentEpochs.get(socket) ?? -1)) return;
        const stale = viewerRooms(socket.data.viewer);
        socket.data.viewer = viewer;
        stale.forEach((room) => void socket.leave(room));
        await socket.join(viewerRooms(viewer));
        sentEpochs.set(socket, epoch);
        socket.emit('sync:epoch', { epoch });
      } catch (error) {
        logger.error({ err: error }, 'could not refresh what a socket may see');
      }
    });
    refreshing.set(socket, next);
  }

  logger.debug('socket gateway attached');
  return () => {
    unsubscribeFeed();
    stream.stop();
    unsubscribeBus();
    auth.events.off('revoked', endSession);
  };
}
