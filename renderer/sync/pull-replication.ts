import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, PullBatch, StreamBatch, SyncCollection } from '../../core';
import { rateLimitWait, request, type DeskSocket } from './desk-socket';

/** 500 documents a page: large enough that a fresh desk fills quickly, small enough to stay responsive. */
export const PULL_BATCH_SIZE = 500;

/** How far a catch-up has come: documents received since it began, of those there were to get. */
export type SyncProgress = { received: number; total: number };

/** One collection's replication and the socket listeners that feed it. */
export type PullReplication<T> = {
  readonly state: RxReplicationState<T, Checkpoint>;
  /** While pages are pulled after a (re)connect: how many of how many; null once caught up. */
  readonly progress$: Observable<SyncProgress | null>;
  /**
   * Cancels the replication and removes its socket listeners, so a replication replaced by
   * another (a new sync epoch) leaves nothing listening on the socket. Idempotent; resolves once
   * RxDB has cancelled.
   */
  cancel(): Promise<void>;
};

/**
 * Server → local replication of one collection: checkpointed pulls, plus the live stream. On every
 * (re)connect a RESYNC makes RxDB pull from its checkpoint, so changes made while the socket was
 * down are fetched, never assumed.
 */
export function replicateFromServer<T extends { id: string }>(options: {
  collection: RxCollection<T>;
  name: SyncCollection;
  socket: DeskSocket;
  identifier: string;
  modifier?: (doc: Record<string, unknown>) => T & { _deleted: boolean };
}): PullReplication<T> {
  const { collection, name, socket } = options;
  const stream$ = new Subject<RxReplicationPullStreamItem<T, Checkpoint>>();
  const onChanged = (batch: StreamBatch) => {
    if (batch.collection === name) stream$.next(batch as unknown as RxReplicationPullStreamItem<T, Checkpoint>);
  };
  // The first pull of a catch-up (a fresh start, a reconnect, a resync) asks the server to count
  // what it has to bring; the following pages count down from there.
  const progress$ = new BehaviorSubject<SyncProgress | null>(null);
  let countNext = true;
  const onConnect = () => {
    countNext = true;
    stream$.next('RESYNC');
  };
  socket.on('sync:changed', onChanged);
  socket.on('connect', onConnect);
  // The server may have missed changes (see 'sync:resync'): pull as after a reconnect.
  socket.on('sync:resync', onConnect);

  const state = replicateRxCollection<T, Checkpoint>({
    collection,
    replicationIdentifier: options.identifier,
    live: true,
    // RxDB retries a failed pull after this long; reconnects trigger RESYNC anyway.
    retryTime: 2_000,
    waitForLeadership: true,
    pull: {
      batchSize: PULL_BATCH_SIZE,
      stream$: stream$.asObservable(),
      modifier: options.modifier as never,
      async handler(checkpoint, batchSize) {
        const countRemaining = countNext;
        const response = await request(socket, (timed) =>
          timed.emitWithAck('sync:pull', { collection: name, checkpoint: checkpoint ?? null, batchSize, ...(countRemaining ? { countRemaining } : {}) }),
        );
        if (!response.ok) {
          // Over the server's limits: wait as long as it asked before RxDB's own retry follows.
          const wait = rateLimitWait(response);
          if (wait !== null) await new Promise((resolve) => setTimeout(resolve, wait));
          throw new Error(response.error);
        }
        const { documents, checkpoint: next, remaining } = response as PullBatch;
        if (countRemaining) countNext = false;
        progress$.next(nextProgress(progress$.value, documents.length, remaining, batchSize));
        return { documents: documents as never, checkpoint: (next ?? checkpoint) as Checkpoint };
      },
    },
  });

  return {
    state,
    progress$: progress$.asObservable(),
    async cancel() {
      socket.off('sync:changed', onChanged);
      socket.off('connect', onConnect);
      socket.off('sync:resync', onConnect);
      await state.cancel();
      stream$.complete();
      progress$.complete();
    },
  };
}

/**
 * After a page of `received` documents: a counted page starts a new count (what it brought plus
 * what is left), a later one adds to it, and a short page (nothing more to pull) ends it.
 */
export function nextProgress(current: SyncProgress | null, received: number, remaining: number | undefined, batchSize: number): SyncProgress | null {
  if (received < batchSize) return null;
  if (remaining !== undefined) return { received, total: received + remaining };
  if (!current) return null;
  return { received: current.received + received, total: Math.max(current.total, current.received + received) };
}
