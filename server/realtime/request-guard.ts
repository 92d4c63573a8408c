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

/**
 * Pulls of one socket in progress at once: a console pulls its two collections side by side, and
 * more would only interleave big answers, each of which the whole server waits for while encoding.
 */
const MAX_CONCURRENT_PULLS = 2;
/** A client that keeps asking while told to wait is not a console: past this many refusals in a window it is cut off. */
const REFUSALS_BEFORE_CUTOFF = 1_000;
const REFUSAL_WINDOW_MS = 10_000;

/** An admitted request: `release` when its work is done, with the units it did not use (refunded). */
export type Admission = { ok: true; release(unused?: number): void };

/**
 * Per-socket limits on client requests, so that no one client can stall or exhaust the server:
 * - at most `socketMaxConcurrent` requests of a socket in progress at once (two pulls);
 * - a token bucket per request kind (pull documents, pushed mutations, presence, viewing, other),
 *   shared by the sockets of one session, so reconnecting does not refill it (a browser's tabs
 *   replicate through one leader tab, so one console never needs more than its session's share);
 * - no new request while the socket's unread answers exceed `socketMaxBufferedBytes` (a client
 *   that does not read what it asked for gets nothing more).
 * A refused request answers `rate_limited` with a retry time and costs nothing else. With limits
 * off (TIERDESK_RATE_LIMITS=off) only the bookkeeping runs.
 */
export class SocketRequestGuard {
  private readonly limiters: Record<RequestKind, KeyedLimiter>;
  private readonly inProgress = new Map<string, number>();
  private readonly pullsInProgress = new Map<string, number>();
  private readonly refusals = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly settings: LimitSettings,
    private readonly now: () => number = () => performance.now(),
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
    const pulls = this.pullsInProgress.get(socket.id) ?? 0;
    if (this.settings.enabled) {
      if (running >= this.settings.socketMaxConcurrent) return this.refuse(socket, 50);
      if (kind === 'pull' && pulls >= MAX_CONCURRENT_PULLS) return this.refuse(socket, 50);
      if (bufferedBytes(socket) > this.settings.socketMaxBufferedBytes) return this.refuse(socket, 250);
    }
    const sessionId = socket.data.session.sessionId;
    const verdict = this.limiters[kind].take(sessionId, cost);
    if (!verdict.allowed) return this.refuse(socket, verdict.retryAfterMs);
    this.inProgress.set(socket.id, running + 1);
    if (kind === 'pull') this.pullsInProgress.set(socket.id, pulls + 1);
    let released = false;
    return {
      ok: true,
      release: (unused = 0) => {
        if (released) return;
        released = true;
        decrement(this.inProgress, socket.id);
        if (kind === 'pull') decrement(this.pullsInProgress, socket.id);
        if (unused > 0) this.limiters[kind].refund(sessionId, unused);
      },
    };
  }

  /**
   * Refuses with a retry time; a socket that ignores it and keeps asking (over a thousand refusals
   * in ten seconds, which the console never comes near) is disconnected.
   */
  private refuse(socket: DeskSocket, retryAfterMs: number): RateLimited {
    const now = this.now();
    const tally = this.refusals.get(socket.id);
    if (!tally || now - tally.since > REFUSAL_WINDOW_MS) this.refusals.set(socket.id, { since: now, count: 1 });
    else if (++tally.count > REFUSALS_BEFORE_CUTOFF) {
      this.refusals.delete(socket.id);
      socket.disconnect(true);
    }
    return rateLimited(retryAfterMs);
  }

  /** A socket closed: forget its own counts (the session's buckets refill and drop out by themselves). */
  forget(socketId: string): void {
    this.inProgress.delete(socketId);
    this.pullsInProgress.delete(socketId);
    this.refusals.delete(socketId);
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
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
