import { BehaviorSubject } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { CONNECT_ERRORS, PROTOCOL_VERSION, RATE_LIMITED, type ClientToServerEvents, type PresenceReport, type ServerToClientEvents, type SocketAuth } from '../../core';

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

  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refusedInARow = 0;
  let stopped = false;
  socket.on('connect', () => {
    refusedInARow = 0;
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
      return;
    }
    // A refusal by the server's middleware (too many handshakes, too many open tabs, a passing
    // server error) leaves socket.io inactive: it would never try again by itself. Back off and
    // try again, doubling up to a minute, with jitter so a whole office does not return at once.
    if (!socket.active) {
      clearTimeout(retryTimer);
      const delay = Math.min(60_000, 1_000 * 2 ** Math.min(refusedInARow++, 6)) * (0.75 + Math.random() / 2);
      retryTimer = setTimeout(() => !stopped && refusal$.value === null && !socket.connected && socket.connect(), delay);
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
    window.addEventListener('online', () => !stopped && refusal$.value === null && socket.connect());
  }

  /** Closes the connection for good (the desk is closing): no retry follows. */
  const stop = () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket.disconnect();
  };

  return { socket, connected$, refusal$, stop };
}

/** An acknowledged request that fails fast when offline instead of being buffered by socket.io. */
export async function request<T>(socket: DeskSocket, send: (timed: DeskSocket) => Promise<T>): Promise<T> {
  if (!socket.connected) throw new Error('offline');
  return send(socket.timeout(15_000) as DeskSocket);
}

/**
 * How long the server asked us to wait when it refused a request under its limits
 * (`{ok: false, error: 'rate_limited', retryAfterMs}`); null for any other answer. Nothing was
 * applied: the same request is simply sent again later.
 */
export function rateLimitWait(response: { ok: boolean; error?: string; retryAfterMs?: number }): number | null {
  if (response.ok || response.error !== RATE_LIMITED) return null;
  return Math.min(60_000, Math.max(250, response.retryAfterMs ?? 1_000));
}
