import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { Database } from '../../store/database';
import { insertSecurityEvents, pruneSecurityEvents, type SecurityEvent } from '../../store/security-repository';

/** What the log records. Names are stable: admins filter by them. */
export const SECURITY_EVENT_KINDS = [
  'sign_in_failed',
  'sign_in_throttled',
  'sign_in',
  'authorization_refused',
  'rate_limited',
  'origin_refused',
  'session_ended',
  'password_changed',
  'password_reset',
  'sessions_revoked',
  'two_factor_enabled',
  'two_factor_disabled',
  'two_factor_failed',
  'recovery_code_used',
  'events_dropped',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export type SecurityEventInput = {
  kind: SecurityEventKind;
  agentId?: string | null;
  email?: string | null;
  address?: string | null;
  detail?: Record<string, unknown>;
};

const FLUSH_EVERY_MS = 1_000;
/** At most this many entries wait for the next flush; beyond it a flood is counted, not stored. */
const MAX_QUEUED = 1_000;
/** One entry per repeated event (same kind, agent, address, detail) and minute. */
const REPEAT_WINDOW_MS = 60_000;
const KEEP_DAYS = 90;

/**
 * The security log: failed sign-ins, refused authorisations, rate-limit hits, second-factor and
 * password changes, readable by admins. Built so that a flood cannot grow it without bound or
 * slow the server: entries are written in batches once a second, an event repeated within a
 * minute is stored once (with a count), a queue over its bound is summarised as one
 * `events_dropped` entry, and entries older than 90 days are pruned. Never throws to its caller.
 */
export class SecurityLog {
  private queue: SecurityEvent[] = [];
  private dropped = 0;
  private readonly recent = new Map<string, { at: number; event: SecurityEvent }>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private lastPrunedAt = 0;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(input: SecurityEventInput): void {
    const at = this.clock.now();
    const event: SecurityEvent = {
      at,
      kind: input.kind,
      agentId: input.agentId ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      detail: input.detail ?? {},
    };
    const key = JSON.stringify([event.kind, event.agentId, event.email, event.address, event.detail]);
    const seen = this.recent.get(key);
    if (seen && at - seen.at < REPEAT_WINDOW_MS) {
      // Still queued: count the repeat on it. Already written: the minute's first entry stands for it.
      seen.event.detail = { ...seen.event.detail, repeated: Number(seen.event.detail.repeated ?? 1) + 1 };
      return;
    }
    if (this.queue.length >= MAX_QUEUED) {
      this.dropped += 1;
      return;
    }
    this.recent.set(key, { at, event });
    this.queue.push(event);
    this.logger.info({ security: event.kind, agentId: event.agentId, address: event.address }, 'security event');
  }

  /** Writes what is queued; resolves when it is stored (tests and shutdown wait for it). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const now = this.clock.now();
    for (const [key, entry] of this.recent) if (now - entry.at >= REPEAT_WINDOW_MS) this.recent.delete(key);
    const batch = this.queue;
    this.queue = [];
    if (this.dropped > 0) {
      batch.push({ at: now, kind: 'events_dropped', agentId: null, email: null, address: null, detail: { count: this.dropped } });
      this.dropped = 0;
    }
    try {
      await insertSecurityEvents(this.database.db, batch);
      if (now - this.lastPrunedAt > 3_600_000) {
        this.lastPrunedAt = now;
        await pruneSecurityEvents(this.database.db, now - KEEP_DAYS * 86_400_000);
      }
    } catch (error) {
      this.logger.error({ err: error, lost: batch.length }, 'could not write the security log');
    }
  }
}
