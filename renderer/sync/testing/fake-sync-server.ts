import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Checkpoint, Message, PullBatch, PullRequest, SyncCollection, Ticket } from '../../../core';
import type { DeskSocket } from '../desk-socket';

type Stored = { seq: number; doc: Record<string, unknown> };

/**
 * The server side of pull replication, in memory: a change feed per collection ordered by one
 * sequence, filtered by what the agent may see now (as the real server filters every pull).
 */
export class FakeSyncServer {
  private seq = 0;
  private readonly feeds: Record<SyncCollection, Map<string, Stored>> = { tickets: new Map(), messages: new Map(), library: new Map() };
  /** Which tickets (and so which messages) the agent may see; everything by default. */
  visible: (ticketId: string) => boolean = () => true;

  putTicket(ticket: Ticket): void {
    this.feeds.tickets.set(ticket.id, { seq: ++this.seq, doc: { ...ticket } });
  }

  putMessage(message: Message): void {
    this.feeds.messages.set(message.id, { seq: ++this.seq, doc: { ...message } });
  }

  /** What the stream would carry for this ticket right now (as `sync:changed` sends it). */
  changeOf(ticketId: string) {
    const stored = this.feeds.tickets.get(ticketId);
    if (!stored) throw new Error(`no ticket ${ticketId}`);
    return { collection: 'tickets' as const, documents: [{ ...stored.doc, _deleted: false }], checkpoint: { seq: stored.seq, id: ticketId } };
  }

  pull({ collection, checkpoint, batchSize }: PullRequest): PullBatch {
    const after = (entry: [string, Stored]) =>
      checkpoint === null || entry[1].seq > checkpoint.seq || (entry[1].seq === checkpoint.seq && entry[0] > checkpoint.id);
    const ticketIdOf = (id: string, stored: Stored) => (collection === 'tickets' ? id : String(stored.doc['ticketId']));
    const page = [...this.feeds[collection].entries()]
      .filter(after)
      .filter(([id, stored]) => this.visible(ticketIdOf(id, stored)))
      .sort((a, b) => a[1].seq - b[1].seq)
      .slice(0, batchSize);
    const last = page.at(-1);
    const next: Checkpoint | null = last ? { seq: last[1].seq, id: last[0] } : checkpoint;
    return { documents: page.map(([, stored]) => ({ ...stored.doc, _deleted: false })) as PullBatch['documents'], checkpoint: next };
  }
}

type Listener = (...args: never[]) => void;

/** The slice of a socket.io client that the replication uses, connected to a FakeSyncServer. */
export class FakeDeskSocket {
  connected = true;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly server: FakeSyncServer) {}

  get socket(): DeskSocket {
    return this as unknown as DeskSocket;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  off(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    const index = list.indexOf(listener);
    if (index >= 0) this.listeners.set(event, [...list.slice(0, index), ...list.slice(index + 1)]);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  timeout(): this {
    return this;
  }

  async emitWithAck(event: string, request: PullRequest): Promise<{ ok: true } & PullBatch> {
    if (event !== 'sync:pull') throw new Error(`fake socket: unexpected ${event}`);
    await Promise.resolve();
    return { ok: true, ...this.server.pull(request) };
  }

  /** The server sent `event`. */
  deliver(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (payload: unknown) => void)(payload);
  }
}

/**
 * RxDB's memory storage, except that writes the replication makes into the tickets collection
 * can be held at the door (a pull that was received and is being persisted) until released.
 */
export function holdableMemoryStorage(): { storage: RxStorage<unknown, unknown>; hold(): () => void } {
  const base = getRxStorageMemory();
  let gate: Promise<void> | null = null;
  const storage = {
    ...base,
    async createStorageInstance(params: Parameters<typeof base.createStorageInstance>[0]) {
      const instance = await base.createStorageInstance(params);
      if (params.collectionName !== 'tickets') return instance;
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        if (gate !== null && context.startsWith('replication-downstream')) await gate;
        return bulkWrite(rows, context);
      };
      return instance;
    },
  } as RxStorage<unknown, unknown>;
  return {
    storage,
    hold() {
      let release: () => void = () => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}
