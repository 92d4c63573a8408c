import type { Clock } from '../clock';
import type { Database } from '../store/database';
import { recordSessionActivity, sessionLastActiveAt } from '../store/sessions-repository';

/** How often a busy session's last use is written down: idle timeouts are minutes, not seconds. */
const PERSIST_EVERY_MS = 60_000;

/**
 * When each session was last used, for the idle timeout (TIERDESK_SESSION_IDLE_MINUTES). Kept in
 * memory per process and written to the session row at most once a minute, so that a session in
 * use on another process (scale-out) is not idled out here: before calling a session idle, the
 * row is read. Off (every session is active) when no idle timeout is set.
 */
export class SessionActivity {
  private readonly lastUsed = new Map<string, number>();
  private readonly persistedAt = new Map<string, number>();
  private prunedAt = 0;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    readonly idleMs: number | null,
  ) {}

  /** The session was used now (an HTTP request, a socket request, a sign-in). Never throws. */
  touch(sessionId: string): void {
    if (this.idleMs === null) return;
    const now = this.clock.now();
    this.lastUsed.set(sessionId, now);
    this.pruneIdle(now);
    if (now - (this.persistedAt.get(sessionId) ?? -Infinity) < PERSIST_EVERY_MS) return;
    this.persistedAt.set(sessionId, now);
    recordSessionActivity(this.database.db, sessionId, now).catch(() => this.persistedAt.delete(sessionId));
  }

  /** Whether a session last used at `lastActiveAt` (the row's value) is idle by now, by what this process knows. */
  idleBy(sessionId: string, lastActiveAt: number): boolean {
    if (this.idleMs === null) return false;
    const known = Math.max(lastActiveAt, this.lastUsed.get(sessionId) ?? -Infinity);
    return this.clock.now() - known > this.idleMs;
  }

  /** Whether the session is idle for every process: this one's memory and the row agree. */
  async confirmIdle(sessionId: string): Promise<boolean> {
    if (this.idleMs === null) return false;
    const stored = await sessionLastActiveAt(this.database.db, sessionId);
    if (stored === null) return true;
    if (!this.idleBy(sessionId, stored)) {
      this.lastUsed.set(sessionId, Math.max(stored, this.lastUsed.get(sessionId) ?? -Infinity));
      return false;
    }
    return true;
  }

  /** Entries idle twice over add nothing the row does not know: memory stays with the active sessions. */
  private pruneIdle(now: number): void {
    if (this.idleMs === null || now - this.prunedAt < 10 * 60_000) return;
    this.prunedAt = now;
    for (const [sessionId, at] of this.lastUsed) if (now - at > 2 * this.idleMs) this.forget(sessionId);
  }

  /** The session ended: its bookkeeping goes. */
  forget(sessionId: string): void {
    this.lastUsed.delete(sessionId);
    this.persistedAt.delete(sessionId);
  }
}
