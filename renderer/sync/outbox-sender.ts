import { auditTime, BehaviorSubject, type Subscription } from 'rxjs';
import { isInvalidRequest, PUSH_BATCH_MAX, reject, type MutationOutcome } from '../../core';
import type { DeskCollections } from '../db/database';
import type { OutboxDocument } from '../db/schemas';
import { rateLimitWait, request, type DeskSocket } from './desk-socket';
import { toMutation } from './overlay';

const RETRY_MS = 3_000;

/**
 * Sends the agent's recorded intents to the server, oldest first, whenever the socket is up, and
 * writes each recorded outcome back onto its outbox row. Safe to retry: the server applies a
 * mutation id once and answers a repeat with the outcome it recorded. socket.io's own offline
 * buffering is not used (it would replay stale emits on reconnect); the outbox is the buffer.
 */
export class OutboxSender {
  /** True while a push is in flight: the connection indicator shows "syncing". */
  readonly sending$ = new BehaviorSubject(false);
  private flushing: Promise<void> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: Subscription[] = [];
  private stopped = false;

  constructor(
    private readonly collections: DeskCollections,
    private readonly socket: DeskSocket,
    connected$: BehaviorSubject<boolean>,
    /** Uploads the files the given rows name (see pending-uploads); 'retry' holds the push back. */
    private readonly uploadFiles: (ids: string[]) => Promise<'done' | 'retry'> = async () => 'done',
  ) {
    this.subscriptions.push(connected$.subscribe((connected) => connected && this.flush()));
    // A fresh desk pulls thousands of tickets: check once per burst, not once per document.
    this.subscriptions.push(collections.tickets.$.pipe(auditTime(250)).subscribe(() => void this.forgetReflected()));
  }

  /** Starts a send now, or right after the one in flight. Never throws. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.sendAll()
      .catch(() => this.scheduleRetry())
      .finally(() => {
        this.flushing = null;
        this.sending$.next(false);
        if (this.again) {
          this.again = false;
          void this.flush();
        }
      });
    return this.flushing;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      if (!this.socket.connected || this.stopped) return;
      const batch = await this.collections.outbox
        .find({ selector: { state: 'pending' }, sort: [{ localSeq: 'asc' }], limit: PUSH_BATCH_MAX })
        .exec();
      if (batch.length === 0) return;
      this.sending$.next(true);
      const rows = batch.map((doc) => doc.toJSON() as OutboxDocument);
      // A reply names its files by id: the server must have them before it reads the reply.
      const fileIds = rows.flatMap((row) => (Array.isArray(row.payload['attachmentIds']) ? (row.payload['attachmentIds'] as string[]) : []));
      if (fileIds.length > 0 && (await this.uploadFiles(fileIds)) === 'retry') {
        this.scheduleRetry();
        return;
      }
      const response = await request(this.socket, (timed) => timed.emitWithAck('mutations:push', { mutations: rows.map(toMutation) }));
      if (response.ok) {
        await this.recordOutcomes(response.outcomes);
        continue;
      }
      const wait = rateLimitWait(response);
      if (wait !== null) {
        // Over the server's limits: nothing was applied; the same rows go again after the wait.
        this.scheduleRetry(wait);
        return;
      }
      if (!isInvalidRequest(response.error)) {
        // The server failed on its side: keep the intents and try again later.
        this.scheduleRetry();
        return;
      }
      // The server could not read the batch: a row this version cannot express. Refuse it
      // visibly rather than retrying forever and blocking everything queued behind it.
      await this.refuseMalformed(rows, response.error);
    }
  }

  private async recordOutcomes(outcomes: MutationOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      const doc = await this.collections.outbox.findOne(outcome.id).exec();
      if (!doc) continue;
      await doc.incrementalPatch(
        outcome.state === 'applied'
          ? { state: 'applied', ticketVersion: outcome.ticketVersion }
          : { state: 'rejected', rejection: outcome.rejection },
      );
    }
    await this.forgetReflected();
  }

  private async refuseMalformed(rows: OutboxDocument[], error: string): Promise<void> {
    const first = rows[0];
    if (!first) return;
    const doc = await this.collections.outbox.findOne(first.id).exec();
    await doc?.incrementalPatch({ state: 'rejected', rejection: reject('invalid_mutation', error) });
  }

  /**
   * Applied rows are kept only until the server's ticket contains them, or until the ticket is no
   * longer on this desk: an answer that arrives after the ticket left (the agent lost sight of it
   * while the push was in flight) would otherwise keep the row, and show its text as a pending
   * message of a ticket the agent may not see, for good.
   */
  private async forgetReflected(): Promise<void> {
    const applied = await this.collections.outbox.find({ selector: { state: 'applied' } }).exec();
    if (applied.length === 0) return;
    const tickets = await this.collections.tickets.findByIds(applied.map((row) => row.ticketId)).exec();
    const reflected = applied.filter((row) => {
      const ticket = tickets.get(row.ticketId);
      return ticket === undefined || (row.ticketVersion !== null && ticket.version >= row.ticketVersion);
    });
    if (reflected.length) await this.collections.outbox.bulkRemove(reflected.map((row) => row.id));
  }

  private scheduleRetry(afterMs = RETRY_MS): void {
    clearTimeout(this.retryTimer);
    if (!this.stopped) this.retryTimer = setTimeout(() => void this.flush(), afterMs);
  }
}
