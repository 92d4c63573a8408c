import { BehaviorSubject } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { CONNECT_ERRORS, PROTOCOL_VERSION, type ClientToServerEvents, type PresenceReport, type ServerToClientEvents, type SocketAuth } from '../../core';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketRefusal = 'unauthorized' | 'protocol_mismatch' | null;

/**
 * The one connection of a desk. `forceNew` because two desks in one process (tests, a second
 * agent) must not share a socket; websocket only because the server is reached directly.
 */
export function connectDeskSocket(serverUrl: string, token: string, presence: PresenceReport['state'] = 'online') {
  // socket.io sends this same object at every (re)connect: presence changes are written into it.
  const auth: SocketAuth & { presence: PresenceReport['state'] } = { token, protocolVersion: PROTOCOL_VERSION, presence };
  const socket: DeskSocket = io(serverUrl, {
    auth,
    forceNew: true,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  const connected$ = new BehaviorSubject(false);
  const refusal$ = new BehaviorSubject<SocketRefusal>(null);

  socket.on('connect', () => {
    refusal$.next(null);
    connected$.next(true);
  });
  socket.on('disconnect', () => connected$.next(false));
  socket.on('connect_error', (error) => {
    connected$.next(false);
    if (error.message === CONNECT_ERRORS.unauthorized || error.message === CONNECT_ERRORS.protocolMismatch) {
      refusal$.next(error.message);
      // Retrying with a token the server refused only hammers it: stop until the agent signs in again.
      socket.disconnect();
    }
  });
  socket.on('session:ended', () => {
    refusal$.next('unauthorized');
    socket.disconnect();
  });

  // The browser knows before any ping timeout that the network is gone (or back): follow it, so
  // the agent sees "Offline" at once and changes wait in the outbox instead of a dead socket.
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', () => socket.disconnect());
    window.addEventListener('online', () => refusal$.value === null && socket.connect());
  }

  return { socket, connected$, refusal$ };
}

/** An acknowledged request that fails fast when offline instead of being buffered by socket.io. */
export async function request<T>(socket: DeskSocket, send: (timed: DeskSocket) => Promise<T>): Promise<T> {
  if (!socket.connected) throw new Error('offline');
  return send(socket.timeout(15_000) as DeskSocket);
}
