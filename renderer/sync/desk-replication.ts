import { BehaviorSubject, combineLatest, map, of, switchMap, type Observable } from 'rxjs';
import type { Ticket } from '../../core';
import type { DeskDatabase } from '../db/database';
import type { TicketDocument } from '../db/schemas';
import type { DeskSocket } from './desk-socket';
import { replicateFromServer, type PullReplication, type SyncProgress } from './pull-replication';
import { toTicketDocument } from './queue-query';

const EPOCH_DOCUMENT = 'sync-epoch';
type EpochDocument = { epoch: number };

/**
 * How long after cancelling the old replications a pull they had already received may still be
 * writing to the local database. RxDB's cancel() stops the replication but does not wait for a
 * batch that is being persisted, so such a batch (of the old epoch: tickets the agent may no
 * longer see) can land after the first drop. A second drop after this pause removes it.
 */
export const DROP_SETTLE_MS = 100;

/** How long a message that landed after its ticket was removed waits for the ticket to come back before it is purged. */
const LATE_MESSAGE_SETTLE_MS = 2_000;

/** The part of the Web Locks API used here (`navigator.locks`). */
export type EpochLocks = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

export type DeskReplicationOptions = {
  /**
   * Serialises epoch switches across tabs that share the local database. Defaults to
   * `navigator.locks` where it exists; null (Node, tests, old browsers) switches without a lock.
   */
  locks?: EpochLocks | null;
  /** Defaults to DROP_SETTLE_MS. */
  settleMs?: number;
};

const withLocalFields = (doc: Record<string, unknown>): TicketDocument & { _deleted: boolean } => {
  const ticket = doc as Ticket & { _deleted: boolean };
  return { ...toTicketDocument(ticket), _deleted: ticket._deleted };
};

/** Server → local replication of tickets, messages and the library (articles), started over from scratch when the agent's sync epoch changes. */
export type DeskReplication = {
  /** True while any pull is running. */
  readonly active$: Observable<boolean>;
  /** While tickets are pulled after a (re)connect: how many of how many; null otherwise. */
  readonly ticketProgress$: Observable<SyncProgress | null>;
  /**
   * Becomes true once the first full pull of the current epoch has landed. False from the moment a
   * new epoch is announced (before anything is dropped) until that epoch's first pull has landed,
   * and while the epoch is not known yet.
   */
  readonly caughtUp$: Observable<boolean>;
  stop(): Promise<void>;
};

/**
 * Replicates the server's tickets and messages into the local database, and keeps the local
 * database to what the agent may see:
 * - a ticket the server removes (the agent lost sight of it) takes its messages and any
 *   already-applied outbox rows with it, and is purged from disk;
 * - a new sync epoch (the agent's groups or role changed) drops every local ticket and message
 *   and pulls again from the start. Pending outbox rows are never touched: intents survive.
 * - a database without a stored epoch (a fresh one, or one from a console before sync epochs) is
 *   of an unknown epoch: nothing replicates until the server names the epoch, and the local
 *   tickets and messages are dropped once before the first pull (a no-op on a fresh database).
 *
 * Tabs sharing the database: the stored epoch, not a tab's own memory, decides whether a switch
 * drops anything, so a second tab learning of an epoch that the first already switched to only
 * restarts its replication. Switches are serialised across tabs with the Web Locks API.
 */
export async function startDeskReplication(
  db: DeskDatabase,
  socket: DeskSocket,
  serverUrl: string,
  options: DeskReplicationOptions = {},
): Promise<DeskReplication> {
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const settleMs = options.settleMs ?? DROP_SETTLE_MS;
  const lockName = `tierdesk:sync-epoch:${db.name}`;
  // The epoch this tab replicates; null until known (see above).
  let epoch = await readStoredEpoch(db);
  const replications$ = new BehaviorSubject<PullReplication<unknown>[]>([]);
  const caughtUp$ = new BehaviorSubject(false);
  let switching: Promise<void> = Promise.resolve();
  let stopped = false;
  // While everything is dropped for a new epoch, per-ticket purges would only repeat that work.
  let dropping = false;

  const start = (current: number) => {
    const identifier = (name: string) => `${name}@${serverUrl}#${current}`;
    const replications = [
      replicateFromServer({ collection: db.tickets, name: 'tickets', socket, identifier: identifier('tickets'), modifier: withLocalFields }),
      replicateFromServer({ collection: db.messages, name: 'messages', socket, identifier: identifier('messages') }),
      ...(db.library ? [replicateFromServer({ collection: db.library, name: 'library', socket, identifier: identifier('library') })] : []),
    ] as PullReplication<unknown>[];
    // Replication errors are retried by RxDB; offline pulls fail fast by design. Nothing to show.
    replications.forEach(({ state }) => state.error$.subscribe(() => undefined));
    caughtUp$.next(false);
    void Promise.all(replications.map(({ state }) => state.awaitInitialReplication())).then(
      () => replications$.value === replications && caughtUp$.next(true),
      () => undefined,
    );
    replications$.next(replications);
  };

  /** Cancels the running replications and removes their socket listeners; true when any was running. */
  const cancelAll = async (): Promise<boolean> => {
    const running = replications$.value;
    if (running.length === 0) return false;
    replications$.next([]);
    await Promise.all(running.map((replication) => replication.cancel()));
    return true;
  };

  // Tickets that left this desk, until they come back. The two collections replicate apart: a
  // message pulled while the agent could still see its ticket may land after the removal marker
  // has purged the ticket's conversation. Unless the ticket comes back meanwhile (sight regained:
  // its messages may land before it), the conversation is purged again once things settle, so
  // nothing of a ticket the agent lost stays on the machine.
  const goneTickets = new Set<string>();
  const latePurges = new Map<string, ReturnType<typeof setTimeout>>();
  const purgeRemovedTicket = db.tickets.remove$.subscribe((event) => {
    if (dropping) return;
    goneTickets.add(event.documentId);
    purgeTicket(db, event.documentId).catch((error: unknown) => console.error('could not purge a removed ticket', error));
  });
  const ticketBack = db.tickets.insert$.subscribe((event) => {
    goneTickets.delete(event.documentId);
    clearTimeout(latePurges.get(event.documentId));
    latePurges.delete(event.documentId);
  });
  const lateMessage = db.messages.$.subscribe((event) => {
    const ticketId = (event.documentData as { ticketId?: string } | undefined)?.ticketId;
    if (event.operation === 'DELETE' || !ticketId || !goneTickets.has(ticketId) || latePurges.has(ticketId)) return;
    const timer = setTimeout(() => {
      latePurges.delete(ticketId);
      if (goneTickets.has(ticketId) && !dropping) purgeTicket(db, ticketId).catch((error: unknown) => console.error('could not purge a late message', error));
    }, LATE_MESSAGE_SETTLE_MS);
    latePurges.set(ticketId, timer);
  });

  const drop = async (cancelled: boolean) => {
    dropping = true;
    // Everything goes and is pulled again: no ticket is "gone" any more, it will simply arrive.
    goneTickets.clear();
    latePurges.forEach((timer) => clearTimeout(timer));
    latePurges.clear();
    try {
      await dropReplicatedData(db);
      if (cancelled) {
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        await dropReplicatedData(db);
      }
    } finally {
      dropping = false;
    }
  };

  const switchTo = async (next: number) => {
    if (stopped || next === epoch) return;
    // First of all: the desk is no longer caught up. What it shows is about to go, and whoever
    // reads "online" (the assignment alerter prunes acknowledgements then) must not trust it.
    caughtUp$.next(false);
    const cancelled = await cancelAll();
    const current = await withLock(locks, lockName, async () => {
      const stored = await readStoredEpoch(db);
      // Another tab sharing this database has switched already: its pulls of the new epoch are in
      // the database, and dropping them would leave the epoch's shared checkpoint past them.
      if (stored === next) return next;
      // Another tab is already further on (this announcement is older than what it applied): the
      // newer epoch reaches this tab's socket next; until then replicate what the database holds.
      if (stored !== null && stored !== epoch && stored > next) return stored;
      await drop(cancelled);
      await db.upsertLocal<EpochDocument>(EPOCH_DOCUMENT, { epoch: next });
      return next;
    });
    epoch = current;
    if (!stopped) start(current);
  };

  const onEpoch = ({ epoch: next }: { epoch: number }) => {
    switching = switching.then(() => switchTo(next)).catch((error: unknown) => console.error('could not switch the sync epoch', error));
  };
  socket.on('sync:epoch', onEpoch);
  if (epoch !== null) start(epoch);

  const active$ = replications$.pipe(
    switchMap((replications) =>
      replications.length === 0 ? of([false]) : combineLatest(replications.map(({ state }) => state.active$)),
    ),
    map((active) => active.some(Boolean)),
  );

  // The tickets replication is the first of the two (see start).
  const ticketProgress$ = replications$.pipe(switchMap((replications) => replications[0]?.progress$ ?? of(null)));

  return {
    active$,
    ticketProgress$,
    caughtUp$: caughtUp$.asObservable(),
    async stop() {
      stopped = true;
      socket.off('sync:epoch', onEpoch);
      purgeRemovedTicket.unsubscribe();
      ticketBack.unsubscribe();
      lateMessage.unsubscribe();
      latePurges.forEach((timer) => clearTimeout(timer));
      await switching;
      await cancelAll();
    },
  };
}

async function readStoredEpoch(db: DeskDatabase): Promise<number | null> {
  const stored = await db.getLocal<EpochDocument>(EPOCH_DOCUMENT);
  return stored?.get('epoch') ?? null;
}

function defaultLocks(): EpochLocks | null {
  const nav = (globalThis as { navigator?: { locks?: EpochLocks } }).navigator;
  return nav?.locks ?? null;
}

function withLock<T>(locks: EpochLocks | null, name: string, run: () => Promise<T>): Promise<T> {
  return locks ? locks.request(name, run) : run();
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
  await Promise.all([db.tickets.cleanup(0), db.messages.cleanup(0), db.library?.cleanup(0)]);
}
