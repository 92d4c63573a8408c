import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import {
  librarySchema,
  libraryMigrations,
  messageMigrations,
  messageSchema,
  outboxMigrations,
  outboxSchema,
  ticketMigrations,
  ticketSchema,
  type LibraryDocument,
  type MessageDocument,
  type OutboxDocument,
  type TicketDocument,
} from './schemas';

// Schema migrations keep an older console's outbox; cleanup purges removed documents from disk
// (a ticket the agent lost sight of must not linger), by the leader among a browser's tabs. RxDB's
// replication registers leader election when it starts; a desk database opened without it (the
// search benchmark's page) threw in its first cleanup, so it is registered here, with the database.
// Local documents hold the sync epoch.
addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBCleanupPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

export type DeskCollections = {
  tickets: RxCollection<TicketDocument>;
  messages: RxCollection<MessageDocument>;
  outbox: RxCollection<OutboxDocument>;
  /** Absent in a test harness that opened the desk without it (see openDeskDatabase). */
  library?: RxCollection<LibraryDocument>;
};
export type DeskDatabase = RxDatabase<DeskCollections>;

/**
 * One local database per agent and server, so two agents sharing a browser never see each
 * other's desk. Four collections: RxDB's free version allows 13 open at once in a process (not per
 * database). `library: false` leaves the library out: only for test harnesses that run four
 * consoles in one process (the fault runs), which are about tickets, not articles.
 */
export async function openDeskDatabase(name: string, storage: RxStorage<unknown, unknown>, options: { library?: boolean } = {}): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({
    name,
    storage,
    eventReduce: true,
    // Both the console window and an idle second tab may hold the desk: share one leader.
    multiInstance: typeof window !== 'undefined',
    ignoreDuplicate: false,
    localDocuments: true,
    // Replication here is pull-only, so a removal never has to travel anywhere: removed documents
    // (tickets the agent lost sight of, dismissed refusals) are purged from disk soon after.
    cleanupPolicy: { minimumDeletedTime: 0, minimumCollectionAge: 10_000, runEach: 60_000, awaitReplicationsInSync: false, waitForLeadership: true },
  });
  await db.addCollections({
    tickets: { schema: ticketSchema, migrationStrategies: ticketMigrations },
    messages: { schema: messageSchema, migrationStrategies: messageMigrations },
    outbox: { schema: outboxSchema, migrationStrategies: outboxMigrations },
    ...(options.library === false ? {} : { library: { schema: librarySchema, migrationStrategies: libraryMigrations } }),
  });
  return db;
}

/** Database names allow a restricted alphabet: derive a stable one from server and agent. */
export function deskDatabaseName(serverUrl: string, agentId: string): string {
  const server = serverUrl.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `tierdesk_${server}_${agentId.replace(/-/g, '')}`.slice(0, 120);
}
