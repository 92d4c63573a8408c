import type { Server, Socket } from 'socket.io';
import type { Agent, ClientToServerEvents, ServerToClientEvents, ViewingReport } from '../../core';
import type { AuthenticatedSession } from '../auth/auth-service';
import type { Viewer } from '../sync/visibility';

/**
 * What the server keeps on each socket. Plain data only: with the Redis adapter, other
 * processes read it through fetchSockets(). `viewingRooms`: who was told about `viewing`, so
 * that the same audience hears when it ends.
 */
export type SocketData = {
  session: AuthenticatedSession;
  viewer: Agent & Viewer;
  viewing: ViewingReport | null;
  viewingRooms: string[];
};
export type DeskServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type DeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every socket of one sign-in. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
