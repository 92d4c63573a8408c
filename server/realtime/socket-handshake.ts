import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { CONNECT_ERRORS, PROTOCOL_VERSION } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { LimitSettings } from '../config';
import type { SecurityLog } from '../features/security/security-log';
import { KeyedLimiter } from '../limits/keyed-limiter';
import type { Logger } from '../logger';
import type { Database } from '../store/database';
import { loadViewer } from '../sync/load-viewer';
import { sessionRoom, type DeskServer, type DeskSocket } from './socket-types';

const HandshakeSchema = z.object({ token: z.string().min(1).max(200), presence: z.unknown().optional() });
/** A console that starts away (the agent chose it) says so, so it gets no work in between. */
const HandshakePresenceSchema = z.enum(['online', 'away']).optional();

export type HandshakeDependencies = {
  auth: AuthService;
  database: Database;
  logger: Logger;
  securityLog: SecurityLog;
  limits: LimitSettings;
  clientAddress: (request: IncomingMessage) => string;
};

/**
 * The socket handshake, checked in this order, each refusal a named `connect_error`:
 * 1. `rate_limited`: too many handshakes from this address (TIERDESK_LIMIT_SOCKET_CONNECT_ADDRESS);
 * 2. `protocol_mismatch`: the console speaks another protocol version (told to update, not to
 *    sign in, even when it sends nothing else);
 * 3. `invalid_handshake`: a malformed presence;
 * 4. `unauthorized`: no live session behind the token;
 * 5. `too_many_connections`: the session already holds TIERDESK_SESSION_MAX_SOCKETS sockets on
 *    this process.
 * A failure of the server's own (its database unreachable) drops the connection for the client to
 * retry instead of refusing it.
 * Returns what the connection handler needs: the presence the console starts with.
 */
export function installHandshake(io: DeskServer, deps: HandshakeDependencies): WeakMap<DeskSocket, 'online' | 'away'> {
  const { auth, database, logger, securityLog, limits } = deps;
  const initialPresence = new WeakMap<DeskSocket, 'online' | 'away'>();
  const connects = new KeyedLimiter(limits.socketConnectsPerAddress, { enabled: limits.enabled });

  io.use(async (socket, next) => {
    const address = deps.clientAddress(socket.request);
    if (!connects.take(address).allowed) {
      securityLog.record({ kind: 'rate_limited', address, detail: { limit: 'socket_connect' } });
      return next(new Error(CONNECT_ERRORS.rateLimited));
    }
    const auth0 = socket.handshake.auth as Record<string, unknown> | undefined;
    if (typeof auth0 !== 'object' || auth0 === null || auth0.protocolVersion !== PROTOCOL_VERSION) {
      return next(new Error(CONNECT_ERRORS.protocolMismatch));
    }
    const handshake = HandshakeSchema.safeParse(auth0);
    const presence = HandshakePresenceSchema.safeParse(handshake.success ? handshake.data.presence : auth0.presence);
    if (!presence.success) return next(new Error(CONNECT_ERRORS.invalidHandshake));
    let session: Awaited<ReturnType<AuthService['authenticate']>>;
    try {
      session = handshake.success ? await auth.authenticate(handshake.data.token) : null;
    } catch (error) {
      return dropForRetry(socket, logger, error);
    }
    if (!session) {
      securityLog.record({ kind: 'authorization_refused', address, detail: { on: 'socket handshake' } });
      return next(new Error(CONNECT_ERRORS.unauthorized));
    }
    const open = io.of('/').adapter.rooms.get(sessionRoom(session.sessionId))?.size ?? 0;
    if (limits.enabled && open >= limits.sessionMaxSockets) {
      securityLog.record({ kind: 'rate_limited', agentId: session.agent.id, address, detail: { limit: 'session_sockets', open } });
      return next(new Error(CONNECT_ERRORS.tooManyConnections));
    }
    try {
      socket.data = { session, viewer: await loadViewer(database.db, session.agent), viewing: null, viewingRooms: [] };
      initialPresence.set(socket, presence.data ?? 'online');
      next();
    } catch (error) {
      dropForRetry(socket, logger, error);
    }
  });
  return initialPresence;
}

/**
 * The session could not be checked (the database is down, say): not the agent's fault. A refusal
 * would read as final (`unauthorized` sends the agent back to sign-in), so the connection is
 * dropped instead: the console reconnects with its usual backoff, as after any network failure,
 * and gets in once the database is back.
 */
function dropForRetry(socket: DeskSocket, logger: Logger, error: unknown): void {
  logger.error({ err: error }, 'could not prepare a socket; connection dropped for the client to retry');
  socket.conn.close();
}
