import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { messageSchema, outboxSchema, ticketSchema, type MessageDocument, type OutboxDocument, type TicketDocument } from './schemas';

export type DeskCollections = {
  tickets: RxCollection<TicketDocument>;
  messages: RxCollection<MessageDocument>;
  outbox: RxCollection<OutboxDocument>;
};
export type DeskDatabase = RxDatabase<DeskCollections>;

/**
 * One local database per agent and server, so two agents sharing a browser never see each
 * other's desk. Three collections: well under RxDB's limit of open collections.
 */
export async function openDeskDatabase(name: string, storage: RxStorage<unknown, unknown>): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({
    name,
    storage,
    eventReduce: true,
    // Both the console window and an idle second tab may hold the desk: share one leader.
    multiInstance: typeof window !== 'undefined',
    ignoreDuplicate: false,
  });
  await db.addCollections({
    tickets: { schema: ticketSchema },
    messages: { schema: messageSchema },
    outbox: { schema: outboxSchema },
  });
  return db;
}

/** Database names allow a restricted alphabet: derive a stable one from server and agent. */
export function deskDatabaseName(serverUrl: string, agentId: string): string {
  const server = serverUrl.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `tierdesk_${server}_${agentId.replace(/-/g, '')}`.slice(0, 120);
}
