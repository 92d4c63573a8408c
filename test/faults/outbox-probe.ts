import type { BulkWriteRow, RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { OutboxDocument, OutboxState } from '../../renderer/db/schemas';

/** Everything one console's outbox ever stored about one intent, in the order it was written. */
export type IntentTrace = {
  id: string;
  ticketId: string;
  type: OutboxDocument['type'];
  payload: Record<string, unknown>;
  /** Every state written, in order (pending → applied → removed once reflected, say). */
  states: OutboxState[];
  /** The outcome the console last recorded, as the agent would read it. */
  last: OutboxState;
  ticketVersion: number | null;
  rejection: OutboxDocument['rejection'];
  /** The state the row had when it was removed from the outbox, if it was. */
  removedWhile: OutboxState | null;
};

/**
 * RxDB's memory storage (the one `openTestDesk` uses), with every successful write to the
 * `outbox` collection also noted here. Nothing about the storage changes: the console's data
 * layer runs as it does in production, and the fault runs read what it told its agent (which
 * intents were applied, refused, or are still pending) without reaching into its internals.
 */
export function observedMemoryStorage(): { storage: RxStorage<unknown, unknown>; traces: Map<string, IntentTrace> } {
  const inner = getRxStorageMemory() as RxStorage<unknown, unknown>;
  const traces = new Map<string, IntentTrace>();

  const note = (doc: OutboxDocument & { _deleted?: boolean }) => {
    let trace = traces.get(doc.id);
    if (!trace) {
      trace = { id: doc.id, ticketId: doc.ticketId, type: doc.type, payload: doc.payload, states: [], last: doc.state, ticketVersion: null, rejection: null, removedWhile: null };
      traces.set(doc.id, trace);
    }
    if (doc._deleted) {
      trace.removedWhile ??= trace.last;
      return;
    }
    if (trace.states.at(-1) !== doc.state) trace.states.push(doc.state);
    trace.last = doc.state;
    trace.ticketVersion = doc.ticketVersion ?? null;
    trace.rejection = doc.rejection ?? null;
  };

  const storage: RxStorage<unknown, unknown> = {
    name: inner.name,
    rxdbVersion: inner.rxdbVersion,
    async createStorageInstance<RxDocType>(params: Parameters<typeof inner.createStorageInstance<RxDocType>>[0]) {
      const instance = await inner.createStorageInstance(params);
      if (params.collectionName !== 'outbox') return instance;
      return new Proxy(instance, {
        get(target, property, receiver) {
          if (property !== 'bulkWrite') return Reflect.get(target, property, receiver) as unknown;
          return async (rows: BulkWriteRow<RxDocType>[], context: string) => {
            const response = await target.bulkWrite(rows, context);
            const failed = new Set(response.error.map((error) => error.documentId));
            for (const row of rows) {
              const doc = row.document as unknown as OutboxDocument & { _deleted?: boolean };
              if (!failed.has(doc.id)) note(doc);
            }
            return response;
          };
        },
      });
    },
  };
  return { storage, traces };
}
