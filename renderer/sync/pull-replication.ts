import { Subject } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, PullBatch, StreamBatch, SyncCollection } from '../../core';
import { rateLimitWait, request, type DeskSocket } from './desk-socket';

/** 500 documents a page: large enough that a fresh desk fills quickly, small enough to stay responsive. */
export const PULL_BATCH_SIZE = 500;

/** One collection's replication and the socket listeners that feed it. */
export type PullReplication<T> = {
  readonly state: RxReplicationState<T, Checkpoint>;
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
  const onConnect = () => stream$.next('RESYNC');
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
        const response = await request(socket, (timed) =>
          timed.emitWithAck('sync:pull', { collection: name, checkpoint: checkpoint ?? null, batchSize }),
        );
        if (!response.ok) {
          // Over the server's limits: wait as long as it asked before RxDB's own retry follows.
          const wait = rateLimitWait(response);
          if (wait !== null) await new Promise((resolve) => setTimeout(resolve, wait));
          throw new Error(response.error);
        }
        const { documents, checkpoint: next } = response as PullBatch;
        return { documents: documents as never, checkpoint: (next ?? checkpoint) as Checkpoint };
      },
    },
  });

  return {
    state,
    async cancel() {
      socket.off('sync:changed', onChanged);
      socket.off('connect', onConnect);
      socket.off('sync:resync', onConnect);
      await state.cancel();
      stream$.complete();
    },
  };
}
