import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, Ticket } from '../../core';
import { makeTicket } from '../app/testing/fake-desk-session';
import { openDeskDatabase, type DeskDatabase } from '../db/database';
import type { OutboxDocument } from '../db/schemas';
import { startDeskReplication, type DeskReplicationOptions, type EpochLocks } from './desk-replication';
import { toTicketDocument } from './queue-query';
import { FakeDeskSocket, FakeSyncServer, holdableMemoryStorage } from './testing/fake-sync-server';

const SERVER_URL = 'http://desk.test';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Replications before their database (LIFO).
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openDatabase(storage: RxStorage<unknown, unknown> = getRxStorageMemory()): Promise<DeskDatabase> {
  const db = await openDeskDatabase(`desk_${crypto.randomUUID().replace(/-/g, '')}`, storage);
  cleanups.push(() => db.close().then(() => undefined));
  return db;
}

/** One console tab: its own socket and replication over the shared database. */
async function startTab(db: DeskDatabase, server: FakeSyncServer, options: DeskReplicationOptions = {}) {
  const socket = new FakeDeskSocket(server);
  const replication = await startDeskReplication(db, socket.socket, SERVER_URL, { locks: null, ...options });
  cleanups.push(() => replication.stop());
  const caughtUp = record(replication.caughtUp$);
  return { socket, replication, caughtUp };
}

/** Every value an observable emits, as it emits them. */
function record<T>(observable: Observable<T>): T[] {
  const values: T[] = [];
  const subscription = observable.subscribe((value) => values.push(value));
  cleanups.push(async () => subscription.unsubscribe());
  return values;
}

/** Resolves once the replication has been caught up, stopped being so, and is caught up again. */
const caughtUpAgain = (values: boolean[], from: number) =>
  vi.waitFor(() => {
    const after = values.slice(from);
    expect(after.indexOf(false)).toBeGreaterThanOrEqual(0);
    expect(after.lastIndexOf(true)).toBeGreaterThan(after.indexOf(false));
  });
const caughtUpOnce = (values: boolean[]) => vi.waitFor(() => expect(values.at(-1)).toBe(true));

const ticket = (overrides: Partial<Ticket> = {}): Ticket => {
  const { hasPendingChanges: _pending, ...plain } = makeTicket(overrides);
  return plain;
};
const message = (ticketId: string, body: string): Message => ({
  id: crypto.randomUUID(),
  ticketId,
  kind: 'note',
  body,
  authorId: null,
  authorName: 'Ada',
  createdAt: Date.now(),
});
const outboxRow = (ticketId: string, state: OutboxDocument['state']): OutboxDocument => ({
  id: crypto.randomUUID(),
  ticketId,
  ticketNumber: 7,
  type: 'note',
  payload: { body: `${state} note` },
  createdAt: Date.now(),
  localSeq: Date.now() * 1_000,
  state,
  rejection: null,
  ticketVersion: state === 'applied' ? 2 : null,
});

const localTicketIds = async (db: DeskDatabase) => (await db.tickets.find().exec()).map((doc) => doc.id).sort();
const storedEpoch = async (db: DeskDatabase) => (await db.getLocal<{ epoch: number }>('sync-epoch'))?.get('epoch') ?? null;
const setStoredEpoch = (db: DeskDatabase, epoch: number) => db.upsertLocal('sync-epoch', { epoch });

/** A database that has replicated `tickets` at `epoch` already (its own first pull landed). */
async function replicatedAt(db: DeskDatabase, server: FakeSyncServer, epoch: number) {
  await setStoredEpoch(db, epoch);
  const tab = await startTab(db, server);
  await caughtUpOnce(tab.caughtUp);
  return tab;
}

describe('desk replication: a database from before sync epochs', () => {
  it('drops tickets and messages it may no longer see once, keeps pending intents, then stores the epoch', async () => {
    const server = new FakeSyncServer();
    const mine = ticket({ subject: 'In my group' });
    const foreign = ticket({ subject: 'Another group' });
    server.putTicket(mine);
    server.putMessage(message(mine.id, 'Visible note'));
    server.visible = (ticketId) => ticketId !== foreign.id;

    const db = await openDatabase();
    await db.tickets.bulkInsert([toTicketDocument(mine), toTicketDocument(foreign)]);
    await db.messages.insert(message(foreign.id, 'Not for this agent'));
    const pending = outboxRow(foreign.id, 'pending');
    await db.outbox.bulkInsert([pending, outboxRow(mine.id, 'applied')]);

    const tab = await startTab(db, server);
    // Unknown epoch: nothing replicates (nor counts as caught up) until the server names it.
    expect(tab.caughtUp).toEqual([false]);
    tab.socket.deliver('sync:epoch', { epoch: 0 });
    await caughtUpOnce(tab.caughtUp);

    expect(await localTicketIds(db)).toEqual([mine.id]);
    expect((await db.messages.find().exec()).map((doc) => doc.body)).toEqual(['Visible note']);
    expect((await db.outbox.find().exec()).map((doc) => doc.id)).toEqual([pending.id]);
    expect(await storedEpoch(db)).toBe(0);
  });

  it('costs a fresh database nothing but a no-op drop: no pause, nothing removed', async () => {
    const server = new FakeSyncServer();
    const first = ticket();
    const second = ticket();
    server.putTicket(first);
    server.putTicket(second);
    const db = await openDatabase();
    const removed = record(db.tickets.remove$);

    // A pause here would outlast the test's wait.
    const tab = await startTab(db, server, { settleMs: 60_000 });
    tab.socket.deliver('sync:epoch', { epoch: 3 });
    await caughtUpOnce(tab.caughtUp);

    expect(await localTicketIds(db)).toEqual([first.id, second.id].sort());
    expect(removed).toEqual([]);
    expect(await storedEpoch(db)).toBe(3);
  });
});

describe('desk replication: a new sync epoch', () => {
  it('stops counting as caught up before anything is dropped, until the new epoch has landed', async () => {
    const server = new FakeSyncServer();
    const kept = ticket();
    const lost = ticket();
    server.putTicket(kept);
    server.putTicket(lost);
    const db = await openDatabase();
    const tab = await replicatedAt(db, server, 1);
    const events: string[] = [];
    const watching = tab.replication.caughtUp$.subscribe((value) => events.push(`caughtUp:${value}`));
    const removals = db.tickets.remove$.subscribe(() => events.push('removed'));
    cleanups.push(async () => (watching.unsubscribe(), removals.unsubscribe()));
    const mark = events.length;

    server.visible = (ticketId) => ticketId !== lost.id;
    tab.socket.deliver('sync:epoch', { epoch: 2 });
    await caughtUpAgain(tab.caughtUp, 1);

    const after = events.slice(mark);
    expect(after.indexOf('removed')).toBeGreaterThan(after.indexOf('caughtUp:false'));
    expect(after.indexOf('caughtUp:false')).toBe(0);
    expect(await localTicketIds(db)).toEqual([kept.id]);
  });

  it('drops again after a pause, so a pull of the old epoch that was still being persisted does not stay', async () => {
    const server = new FakeSyncServer();
    const kept = ticket();
    server.putTicket(kept);
    const { storage, hold } = holdableMemoryStorage();
    const db = await openDatabase(storage);
    const tab = await replicatedAt(db, server, 1);

    // A change of the old epoch arrives and is being written when the epoch changes.
    const late = ticket({ subject: 'Seen under the old groups only' });
    server.putTicket(late);
    const release = hold();
    tab.socket.deliver('sync:changed', server.changeOf(late.id));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The held write lands right after the first drop.
    const releasing = db.tickets.remove$.subscribe(() => release());
    cleanups.push(async () => releasing.unsubscribe());
    server.visible = (ticketId) => ticketId !== late.id;
    tab.socket.deliver('sync:epoch', { epoch: 2 });

    await caughtUpAgain(tab.caughtUp, 1);
    expect(await localTicketIds(db)).toEqual([kept.id]);
  });

  it('removes the socket listeners of the replications it replaces', async () => {
    const server = new FakeSyncServer();
    server.putTicket(ticket());
    const db = await openDatabase();
    const tab = await replicatedAt(db, server, 1);
    // One per collection.
    expect(tab.socket.listenerCount('sync:changed')).toBe(3);
    expect(tab.socket.listenerCount('connect')).toBe(3);

    tab.socket.deliver('sync:epoch', { epoch: 2 });
    await caughtUpAgain(tab.caughtUp, 1);
    tab.socket.deliver('sync:epoch', { epoch: 3 });
    await vi.waitFor(async () => expect(await storedEpoch(db)).toBe(3));
    await caughtUpOnce(tab.caughtUp);
    expect(tab.socket.listenerCount('sync:changed')).toBe(3);
    expect(tab.socket.listenerCount('connect')).toBe(3);

    await tab.replication.stop();
    expect(tab.socket.listenerCount('sync:changed')).toBe(0);
    expect(tab.socket.listenerCount('connect')).toBe(0);
    expect(tab.socket.listenerCount('sync:epoch')).toBe(0);
  });
});

describe('desk replication: two tabs sharing the database', () => {
  it('a second tab told of the epoch the first already switched to only restarts: nothing is dropped', async () => {
    const server = new FakeSyncServer();
    const kept = ticket();
    const lost = ticket();
    server.putTicket(kept);
    server.putTicket(lost);
    const db = await openDatabase();
    const first = await replicatedAt(db, server, 1);
    const second = await startTab(db, server);
    await caughtUpOnce(second.caughtUp);

    server.visible = (ticketId) => ticketId !== lost.id;
    first.socket.deliver('sync:epoch', { epoch: 2 });
    await caughtUpAgain(first.caughtUp, 1);
    expect(await localTicketIds(db)).toEqual([kept.id]);

    const removed = record(db.tickets.remove$);
    const mark = second.caughtUp.length;
    second.socket.deliver('sync:epoch', { epoch: 2 });
    await caughtUpAgain(second.caughtUp, mark);
    expect(removed).toEqual([]);
    expect(await localTicketIds(db)).toEqual([kept.id]);
  });

  it('waits for a switch another tab holds the lock for, then finds the epoch stored and drops nothing', async () => {
    const server = new FakeSyncServer();
    server.putTicket(ticket());
    const db = await openDatabase();
    const locks = new FifoLocks();
    await setStoredEpoch(db, 1);
    const tab = await startTab(db, server, { locks });
    await caughtUpOnce(tab.caughtUp);

    // Another tab is mid-switch: it holds the lock and stores the new epoch before letting go.
    let finishOtherTab: () => void = () => undefined;
    const lockName = `tierdesk:sync-epoch:${db.name}`;
    const otherTab = locks.request(lockName, async () => {
      await new Promise<void>((resolve) => (finishOtherTab = resolve));
      await setStoredEpoch(db, 2);
    });
    const removed = record(db.tickets.remove$);
    tab.socket.deliver('sync:epoch', { epoch: 2 });
    await vi.waitFor(() => expect(locks.requested).toEqual([lockName, lockName]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(removed).toEqual([]);

    finishOtherTab();
    await otherTab;
    await caughtUpAgain(tab.caughtUp, 1);
    expect(removed).toEqual([]);
    expect(await localTicketIds(db)).toHaveLength(1);
  });
});

/** navigator.locks as far as the replication uses it: exclusive, first come first served. */
class FifoLocks implements EpochLocks {
  private tail: Promise<unknown> = Promise.resolve();
  /** The name of every request, in order. */
  readonly requested: string[] = [];
  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    this.requested.push(name);
    const run = this.tail.then(callback);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

describe('desk replication: a message that lands after its ticket left', () => {
  it('is purged once things settle, unless its ticket comes back meanwhile', async () => {
    const server = new FakeSyncServer();
    const lost = ticket({ subject: 'Moved to another group' });
    const regained = ticket({ subject: 'Moved away and back' });
    const db = await openDatabase();
    await replicatedAt(db, server, 0);
    await db.tickets.bulkInsert([toTicketDocument(lost), toTicketDocument(regained)]);
    await db.messages.bulkInsert([message(lost.id, 'Before the move'), message(regained.id, 'Before the move')]);

    // Removal markers arrive: both conversations are purged.
    await (await db.tickets.findOne(lost.id).exec())!.remove();
    await (await db.tickets.findOne(regained.id).exec())!.remove();
    await vi.waitFor(async () => expect(await db.messages.find().exec()).toHaveLength(0));

    // A message pulled while both were still visible lands late, for each; one ticket comes back.
    await db.messages.bulkInsert([message(lost.id, 'Pulled before the move'), message(regained.id, 'Pulled before the move')]);
    await db.tickets.insert(toTicketDocument(regained));

    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await db.messages.find().exec()).map((doc) => doc.ticketId)).toEqual([regained.id]);
  });
});
