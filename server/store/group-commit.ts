import { sql, type Transaction } from 'kysely';
import type { DatabaseSchema } from './schema';

export type Work<T> = (trx: Transaction<DatabaseSchema>) => Promise<T>;

/** Opens one transaction, gives it to `batch`, and commits it when `batch` resolves (rolls back if it throws). */
export type TransactionRunner = (batch: (trx: Transaction<DatabaseSchema>) => Promise<void>) => Promise<void>;

export type GroupCommitBounds = {
  /** At most this many writes share one commit. */
  maxWrites: number;
  /**
   * A batch stops taking writes once it has run this long: with SQLite every statement runs on the
   * event loop, so this bounds how long other clients wait for one batch.
   */
  maxBatchMs: number;
};

export const DEFAULT_GROUP_COMMIT: GroupCommitBounds = { maxWrites: 200, maxBatchMs: 8 };

export type CommitCounts = { commits: number; writes: number };

type Pending = { work: Work<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Settled = { pending: Pending; ok: true; value: unknown } | { pending: Pending; ok: false; error: unknown };

/**
 * Group commit: the writes that queued up while the previous batch was committing share one
 * transaction, so a burst of writes costs one commit (one fsync on SQLite, one COMMIT round trip
 * on PostgreSQL) instead of one each.
 *
 * Each write runs in its own savepoint, in the order it was asked for, and sees the writes before
 * it. A write that throws is rolled back to its savepoint alone and its caller gets the error; its
 * neighbours go on. Every caller hears its outcome only after the whole batch committed, so an
 * acknowledged write is durable; if the commit itself fails, every write of the batch fails.
 *
 * Batches never overlap, in this process (one runs at a time) and across processes (the runner
 * takes the database's write lock): the change feed's sequence numbers are committed in the order
 * they are handed out.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private running = false;
  private readonly counts: CommitCounts = { commits: 0, writes: 0 };

  constructor(
    private readonly runTransaction: TransactionRunner,
    private readonly bounds: GroupCommitBounds = DEFAULT_GROUP_COMMIT,
  ) {}

  write<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) this.scheduleBatch();
    });
  }

  /** How many batches committed and how many writes they carried (benchmarks print writes per commit). */
  get committed(): Readonly<CommitCounts> {
    return { ...this.counts };
  }

  /**
   * A turn of the event loop before each batch: requests already read from their sockets reach
   * the queue and join it, and sockets, pings and timers are served between batches.
   */
  private scheduleBatch(): void {
    this.running = true;
    setImmediate(() => void this.runBatch());
  }

  private async runBatch(): Promise<void> {
    const batch = this.queue.splice(0, this.bounds.maxWrites);
    const settled: Settled[] = [];
    try {
      await this.runTransaction(async (trx) => {
        const started = performance.now();
        for (const pending of batch) {
          if (settled.length > 0 && performance.now() - started >= this.bounds.maxBatchMs) break;
          settled.push(await runInSavepoint(trx, pending, settled.length));
        }
      });
      this.counts.commits += 1;
      this.counts.writes += settled.length;
      for (const outcome of settled) {
        if (outcome.ok) outcome.pending.resolve(outcome.value);
        else outcome.pending.reject(outcome.error);
      }
      // Out of time for this batch: the rest go first in the next one, in their order.
      this.queue.unshift(...batch.slice(settled.length));
    } catch (error) {
      // The commit (or a rollback to a savepoint) failed: nothing of this batch is stored, and
      // each write that ran hears why. One that could not even open its transaction (the
      // database is away) fails the whole batch, rather than retrying it in a tight loop.
      for (const outcome of settled) outcome.pending.reject(outcome.ok ? error : outcome.error);
      const unreached = batch.slice(settled.length);
      if (settled.length === 0) unreached.forEach((pending) => pending.reject(error));
      else this.queue.unshift(...unreached);
    }
    if (this.queue.length > 0) this.scheduleBatch();
    else this.running = false;
  }
}

async function runInSavepoint(trx: Transaction<DatabaseSchema>, pending: Pending, index: number): Promise<Settled> {
  const name = sql.raw(`write_${index}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const value = await pending.work(trx);
    await sql`release savepoint ${name}`.execute(trx);
    return { pending, ok: true, value };
  } catch (error) {
    // PostgreSQL refuses every statement after an error until this; SQLite undoes the write's rows.
    await sql`rollback to savepoint ${name}`.execute(trx);
    await sql`release savepoint ${name}`.execute(trx);
    return { pending, ok: false, error };
  }
}
