import type { IncomingMessage } from 'node:http';
import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { LimitSettings } from '../config';
import { createViewingAnnouncer, registerCollisionHandlers } from './collision-handlers';
import { registerPresenceHandlers } from './presence-handlers';
import { registerKpiHandlers } from './kpi-handlers';
import type { KpiPublisher } from './kpi-publisher';
import type { PresenceTracker } from '../features/presence/presence-tracker';
import type { SecurityLog } from '../features/security/security-log';
import type { TicketService } from '../features/tickets/ticket-service';
import type { Logger } from '../logger';
import { findAgentById, syncEpochOf } from '../store/agents-repository';
import type { Database } from '../store/database';
import type { ChangeFeed } from '../sync/change-feed';
import type { ClusterBus } from './cluster-bus';
import { loadViewer } from '../sync/load-viewer';
import { SocketRequestGuard } from './request-guard';
import { startSessionSweeper } from './session-sweeper';
import { installHandshake } from './socket-handshake';
import type { RequestContext } from './socket-requests';
import { sessionRoom, type DeskServer, type DeskSocket } from './socket-types';
import { viewerRooms } from '../sync/visibility';
import { LiveStream } from './stream-fanout';
import { registerSyncHandlers } from './sync-handlers';
import type { SessionEndReason } from '../../core';

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
  securityLog: SecurityLog;
  limits: LimitSettings;
  clientAddress: (request: IncomingMessage) => string;
};

/** Published on the cluster bus when agents' groups or roles changed: their sockets re-read what they may see. */
export const VIEWERS_CHANGED_TOPIC = 'viewers:changed';
/** Published on the cluster bus when agents, roles, memberships or capacities changed (KPIs reload the team). */
export const TEAM_CHANGED_TOPIC = 'team:changed';

/**
 * Sockets carry sync, presence and collision. Every connection is authenticated at the
 * handshake (socket-handshake.ts); every event checks that its session is still alive, validates
 * its payload and passes the socket's limits (request-guard.ts) before touching anything; a
 * sweeper ends expired and idle sessions on time. What a socket may see follows its agent's
 * groups, refreshed (with a new sync epoch) whenever they change.
 */
export function attachSocketGateway(io: DeskServer, components: GatewayComponents): () => void {
  const { auth, clock, logger, database, bus, securityLog } = components;
  const initialPresence = installHandshake(io, components);
  const guard = new SocketRequestGuard(components.limits);
  const stopSweeper = startSessionSweeper(io, components);
  const viewingAnnouncer = createViewingAnnouncer(io, components.limits.watchCoalesceMs);
  /** Per socket: the refresh in progress (refreshes never overlap) and the epoch last sent. */
  const refreshing = new WeakMap<DeskSocket, Promise<void>>();
  const sentEpochs = new WeakMap<DeskSocket, number>();

  io.on('connection', (socket) => {
    const { sessionId } = socket.data.session;
    void socket.join([sessionRoom(sessionId), ...viewerRooms(socket.data.viewer)]);
    // Read groups and epoch again now that the socket is registered: a membership change that
    // landed during the handshake reaches it either through this read or through the bus.
    refreshViewer(socket);
    socket.on('disconnect', () => guard.forget(socket.id));
    const agentId = socket.data.viewer.id;
    const requests: RequestContext = {
      // The sweeper ends sessions on time; this catches a request in the second between its ticks.
      live: () => {
        if (socket.data.session.expiresAt > clock.now()) return true;
        socket.emit('session:ended', { reason: 'expired' });
        socket.disconnect(true);
        return false;
      },
      logger,
      guard,
      touch: () => auth.activity.touch(sessionId),
      limited: (event) => securityLog.record({ kind: 'rate_limited', agentId, address: components.clientAddress(socket.request), detail: { limit: 'socket', event } }),
    };
    registerSyncHandlers(socket, { database, tickets: components.tickets, requests });
    registerPresenceHandlers(socket, { tracker: components.presence, database, requests, initial: initialPresence.get(socket) ?? 'online' });
    registerCollisionHandlers(io, socket, { database, requests, announcer: viewingAnnouncer });
    registerKpiHandlers(socket, { publisher: components.kpi, requests });
  });

  const endSession = (sessionId: string, reason: SessionEndReason = 'signed_out') => {
    io.to(sessionRoom(sessionId)).emit('session:ended', { reason });
    io.in(sessionRoom(sessionId)).disconnectSockets(true);
  };
  auth.events.on('revoked', endSession);

  const stream = new LiveStream(io);
  const unsubscribeFeed = components.feed.subscribe((change) => stream.push(change));
  const unsubscribeGaps = components.feed.onGap(() => stream.resync());

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
    stopSweeper();
    viewingAnnouncer.stop();
    unsubscribeFeed();
    unsubscribeGaps();
    stream.stop();
    unsubscribeBus();
    auth.events.off('revoked', endSession);
  };
}
