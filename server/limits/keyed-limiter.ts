import type { Rate } from './rate';

type Bucket = { tokens: number; updatedAt: number };

/** What a refused attempt learns: when one unit will be available again. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

const ALLOWED: Verdict = { allowed: true };

/**
 * Token buckets by key (an address, a requester, a socket), in memory. Memory stays bounded: at
 * most `maxKeys` buckets are kept, the least recently used one going first, and a bucket that has
 * refilled completely is the same as none. `enabled: false` (TIERDESK_RATE_LIMITS=off) allows
 * everything and keeps nothing.
 */
export class KeyedLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly rate: Rate,
    private readonly options: { now?: () => number; maxKeys?: number; enabled?: boolean } = {},
  ) {
    this.refillPerMs = rate.count / rate.windowMs;
  }

  /** Takes `cost` units from the key's bucket when it holds them; otherwise takes nothing. */
  take(key: string, cost = 1): Verdict {
    if (this.options.enabled === false) return ALLOWED;
    const now = this.now();
    const bucket = this.refilled(key, now);
    // A cost above the burst could never pass: it is charged as the whole burst instead.
    const charge = Math.min(cost, this.rate.count);
    if (bucket.tokens >= charge) {
      bucket.tokens -= charge;
      this.store(key, bucket);
      return ALLOWED;
    }
    this.store(key, bucket);
    return { allowed: false, retryAfterMs: Math.ceil((charge - bucket.tokens) / this.refillPerMs) };
  }

  /** Gives back units taken for work that turned out smaller (a pull that returned fewer documents). */
  refund(key: string, units: number): void {
    const bucket = this.buckets.get(key);
    if (!bucket || units <= 0) return;
    bucket.tokens = Math.min(this.rate.count, bucket.tokens + units);
  }

  /** Whether the key could take `cost` now, without taking it. */
  peek(key: string, cost = 1): boolean {
    if (this.options.enabled === false) return true;
    return this.refilled(key, this.now()).tokens >= Math.min(cost, this.rate.count);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.rate.count, updatedAt: now };
    const tokens = Math.min(this.rate.count, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    return { tokens, updatedAt: now };
  }

  private store(key: string, bucket: Bucket): void {
    // Re-inserting moves the key to the end: the Map's order is then least recently used first.
    this.buckets.delete(key);
    if (bucket.tokens >= this.rate.count) return;
    this.buckets.set(key, bucket);
    const maxKeys = this.options.maxKeys ?? 100_000;
    while (this.buckets.size > maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
