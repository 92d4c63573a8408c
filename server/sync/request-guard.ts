import type { LimitSettings } from '../config';
import { KeyedLimiter } from '../limits/keyed-limiter';
import type { DeskSocket } from './socket-types';

/** The rate family an event's requests are charged to. */
export type RequestKind = 'pull' | 'mutations' | 'presence' | 'viewing' | 'other';

const KIND_OF_EVENT: Record<string, RequestKind> = {
  'sync:pull': 'pull',
  'mutations:push': 'mutations',
  'presence:set': 'presence',
  'ticket:viewing': 'viewing',
};

export const requestKindOf = (event: string): RequestKind => KIND_OF_EVENT[event] ?? 'other';

/** What the console reads to back off: `error` is the named reason, `retryAfterMs` when to try again. */
export type RateLimited = { ok: false; error: 'rate_limited'; retryAfterMs: number };

export const rateLimited = (retryAfterMs: number): RateLimited => ({ ok: false, error: 'rate_limited', retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)) });

/** An admitted request: `release` when its work is done, with the units it did not use (refunded). */
export type Admission = { ok: true; release(unused?: number): void };

/**
 * Per-socket limits on client requests, so that no one client can stall or exhaust the server:
 * - at most `socketMaxConcurrent` requests of a socket in progress at once;
 * - a token bucket per request kind (pull documents, pushed mutations, presence, viewing, other);
 * - no new request while the socket's unread answers exceed `socketMaxBufferedBytes` (a client
 *   that does not read what it asked for gets nothing more).
 * A refused request answers `rate_limited` with a retry time and costs nothing else. With limits
 * off (TIERDESK_RATE_LIMITS=off) only the bookkeeping runs.
 */
export class SocketRequestGuard {
  private readonly limiters: Record<RequestKind, KeyedLimiter>;
  private readonly inProgress = new Map<string, number>();

  constructor(
    private readonly settings: LimitSettings,
    now: () => number = () => performance.now(),
  ) {
    const limiter = (rate: LimitSettings['socketOther']) => new KeyedLimiter(rate, { now, enabled: settings.enabled, maxKeys: 200_000 });
    this.limiters = {
      pull: limiter(settings.socketPullDocuments),
      mutations: limiter(settings.socketMutations),
      presence: limiter(settings.socketPresence),
      viewing: limiter(settings.socketViewing),
      other: limiter(settings.socketOther),
    };
  }

  /** Admits a request of `cost` units (a pull's batch size, a push's number of mutations; 1 otherwise). */
  admit(socket: DeskSocket, kind: RequestKind, cost = 1): Admission | RateLimited {
    const running = this.inProgress.get(socket.id) ?? 0;
    if (this.settings.enabled) {
      if (running >= this.settings.socketMaxConcurrent) return rateLimited(50);
      if (bufferedBytes(socket) > this.settings.socketMaxBufferedBytes) return rateLimited(250);
    }
    const verdict = this.limiters[kind].take(socket.id, cost);
    if (!verdict.allowed) return rateLimited(verdict.retryAfterMs);
    this.inProgress.set(socket.id, running + 1);
    let released = false;
    return {
      ok: true,
      release: (unused = 0) => {
        if (released) return;
        released = true;
        const left = (this.inProgress.get(socket.id) ?? 1) - 1;
        if (left > 0) this.inProgress.set(socket.id, left);
        else this.inProgress.delete(socket.id);
        if (unused > 0) this.limiters[kind].refund(socket.id, unused);
      },
    };
  }

  /** A socket closed: forget its buckets (memory stays proportional to live sockets). */
  forget(socketId: string): void {
    this.inProgress.delete(socketId);
    for (const limiter of Object.values(this.limiters)) limiter.forget(socketId);
  }
}

type EngineTransport = { socket?: { bufferedAmount?: number } };
type EnginePacket = { data?: unknown };

/**
 * Bytes written to this socket that the client has not taken yet: what the WebSocket still
 * buffers, plus packets engine.io holds while its transport is busy. A slow or stalled reader
 * shows here; the server must not queue answers for it without bound.
 */
export function bufferedBytes(socket: DeskSocket): number {
  const engine = socket.conn as unknown as { transport?: EngineTransport; writeBuffer?: EnginePacket[] };
  let bytes = engine.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of engine.writeBuffer ?? []) {
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 16;
  }
  return bytes;
}
