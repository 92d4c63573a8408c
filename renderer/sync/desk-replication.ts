import { BehaviorSubject, combineLatest, map, switchMap, type Observable } from 'rxjs';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, Ticket } from '../../core';
import type { DeskDatabase } from '../db/database';
import type { TicketDocument } from '../db/schemas';
import type { DeskSocket } from './desk-socket';
import { replicateFromServer } from './pull-replication';
import { toTicketDocument } from './queue-query';

const EPOCH_DOCUMENT = 'sync-epoch';

const withLocalFields = (doc: Record<string, unknown>): TicketDocument & { _deleted: boolean } => {
  const ticket = doc as Ticket & { _deleted: boolean };
  return { ...toTicketDocument(ticket), _deleted: ticket._deleted };
};

/** Server → local replication of tickets and messages, started over from scratch when the agent's sync epoch changes. */
export type DeskReplication = {
  /** True while any pull is running. */
  readonly active$: Observable<boolean>;
  /** Becomes true once the first full pull of the current epoch has landed. */
  readonly caughtUp$: Observable<boolean>;
  stop(): Promise<void>;
};

/**
 * Replicates the server's tickets and messages into the local database, and keeps the local
 * database to what the agent may see:
 * - a ticket the server removes (the agent lost sight of it) takes its messages and any
 *   already-applied outbox rows with it, and is purged from disk;
 * - a new sync epoch (the agent's groups or role changed) drops every local ticket and message
 *   and pulls again from the start. The outbox is never touched: pending intents survive.
 */
export async function startDeskReplication(db: DeskDatabase, socket: DeskSocket, serverUrl: string): Promise<DeskReplication> {
  const stored = await db.getLocal<{ epoch: number }>(EPOCH_DOCUMENT);
  let epoch = stored?.get('epoch') ?? 0;
  const replications$ = new BehaviorSubject<RxReplicationState<unknown, Checkpoint>[]>([]);
  const caughtUp$ = new BehaviorSubject(false);
  let switching: Promise<void> = Promise.resolve();
  // While everything is dropped for a new epoch, per-ticket purges would only repeat that work.
  let dropping = false;

  const start = () => {
    const identifier = (name: string) => `${name}@${serverUrl}#${epoch}`;
    const replications = [
      replicateFromServer({ collection: db.tickets, name: 'tickets', socket, identifier: identifier('tickets'), modifier: withLocalFields }),
      replicateFromServer({ collection: db.messages, name: 'messages', socket, identifier: identifier('messages') }),
    ] as RxReplicationState<unknown, Checkpoint>[];
    // Replication errors are retried by RxDB; offline pulls fail fast by design. Nothing to show.
    replications.forEach((replication) => replication.error$.subscribe(() => undefined));
    caughtUp$.next(false);
    void Promise.all(replications.map((replication) => replication.awaitInitialReplication())).then(
      () => replications$.value === replications && caughtUp$.next(true),
      () => undefined,
    );
    replications$.next(replications);
  };

  const cancelAll = () => Promise.all(replications$.value.map((replication) => replication.cancel()));

  const purgeRemovedTicket = db.tickets.remove$.subscribe((event) => {
    if (!dropping) purgeTicket(db, event.documentId).catch((error: unknown) => console.error('could not purge a removed ticket', error));
  });

  const onEpoch = ({ epoch: next }: { epoch: number }) => {
    switching = switching.then(async () => {
      if (next === epoch) {
        if (!stored) await db.upsertLocal(EPOCH_DOCUMENT, { epoch });
        return;
      }
      await cancelAll();
      epoch = next;
      dropping = true;
      try {
        await dropReplicatedData(db);
      } finally {
        dropping = false;
      }
      await db.upsertLocal(EPOCH_DOCUMENT, { epoch });
      start();
    });
  };
  socket.on('sync:epoch', onEpoch);
  start();

  const active$ = replications$.pipe(
    switchMap((replications) => combineLatest(replications.map((replication) => replication.active$))),
    map((active) => active.some(Boolean)),
  );

  return {
    active$,
    caughtUp$: caughtUp$.asObservable(),
    async stop() {
      socket.off('sync:epoch', onEpoch);
      purgeRemovedTicket.unsubscribe();
      await switching;
      await cancelAll();
    },
  };
}

/** A ticket left this desk: its conversation and its already-applied intents go too, and nothing of it stays on disk. */
async function purgeTicket(db: DeskDatabase, ticketId: string): Promise<void> {
  if (db.closed) return;
  await db.messages.find({ selector: { ticketId } }).remove();
  await db.outbox.find({ selector: { ticketId, state: 'applied' } }).remove();
  await purgeDeleted(db);
}

async function dropReplicatedData(db: DeskDatabase): Promise<void> {
  await db.tickets.find().remove();
  await db.messages.find().remove();
  // Applied intents are in the server's copy already; pending ones stay and will be sent.
  await db.outbox.find({ selector: { state: 'applied' } }).remove();
  await purgeDeleted(db);
}

/** Removed documents keep their content on disk until cleaned up; clean up at once. */
async function purgeDeleted(db: DeskDatabase): Promise<void> {
  await Promise.all([db.tickets.cleanup(0), db.messages.cleanup(0)]);
}
