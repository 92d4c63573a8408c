/**
 * Lets at most one value per key through per window: the first change after a quiet spell goes
 * out at once (no added latency in normal use), later ones within the window are held and only
 * the latest is delivered when the window closes — and not at all if it equals what was last
 * delivered. A flood of changes of one key then reaches listeners a few times a second, whatever
 * its rate. `windowMs` 0 delivers everything at once.
 */
export class Coalescer<K, V> {
  private readonly windows = new Map<K, { timer: ReturnType<typeof setTimeout>; pending: { value: V } | null }>();
  private readonly delivered = new Map<K, V>();
  private readonly forgotten = new Set<K>();

  constructor(
    private readonly windowMs: number,
    private readonly deliver: (key: K, value: V) => void,
    private readonly same: (a: V, b: V) => boolean = Object.is,
  ) {}

  push(key: K, value: V): void {
    const window = this.windows.get(key);
    if (window) {
      window.pending = { value };
      return;
    }
    this.send(key, value);
    if (this.windowMs > 0) this.open(key);
  }

  /** Forgets a key that is gone (a socket closed), once what it holds has been delivered. */
  forget(key: K): void {
    if (this.windows.has(key)) this.forgotten.add(key);
    else this.delivered.delete(key);
  }

  stop(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(key: K): void {
    const timer = setTimeout(() => {
      const pending = this.windows.get(key)?.pending;
      this.windows.delete(key);
      const gone = this.forgotten.delete(key);
      if (gone && pending) this.deliver(key, pending.value);
      if (gone) this.delivered.delete(key);
      if (!pending || gone) return;
      const last = this.delivered.get(key);
      if (last !== undefined && this.same(last, pending.value)) return;
      this.send(key, pending.value);
      this.open(key);
    }, this.windowMs);
    timer.unref?.();
    this.windows.set(key, { timer, pending: null });
  }

  private send(key: K, value: V): void {
    this.delivered.set(key, value);
    this.deliver(key, value);
  }
}
