import { io, type Socket } from 'socket.io-client';

/**
 * Bare socket.io clients for boundary tests: no RxDB, no replication, just the wire. Every
 * socket opened through one `SocketPool` is disconnected by `closeAll()` (call it in afterAll).
 */
export type SocketPool = {
  /** Opens a socket and resolves once it is connected; rejects with the connect_error message. */
  connect(url: string, auth: unknown): Promise<Socket>;
  /** Opens a socket that must be refused, and resolves with the connect_error message. */
  refusal(url: string, auth: unknown): Promise<string>;
  closeAll(): void;
};

export function createSocketPool(timeoutMs = 5_000): SocketPool {
  const opened: Socket[] = [];

  const open = (url: string, auth: unknown): Socket => {
    // reconnection off: a refused handshake must surface once, not retry forever in the background.
    const socket = io(url, { auth: auth as Record<string, unknown>, forceNew: true, transports: ['websocket'], reconnection: false });
    opened.push(socket);
    return socket;
  };

  return {
    connect(url, auth) {
      const socket = open(url, auth);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('socket did not connect in time')), timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve(socket);
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          reject(new Error(`connect_error: ${error.message}`));
        });
      });
    },
    refusal(url, auth) {
      const socket = open(url, auth);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('socket was neither refused nor connected in time')), timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          reject(new Error('the socket connected but should have been refused'));
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          resolve(error.message);
        });
      });
    },
    closeAll() {
      for (const socket of opened.splice(0)) socket.disconnect();
    },
  };
}

/** Emits with an acknowledgement and fails (instead of hanging) when the server never answers. */
export function request<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5_000).emitWithAck(event, ...args) as Promise<T>;
}

/** Resolves with the next payload of `event`, or rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, listener);
  });
}
