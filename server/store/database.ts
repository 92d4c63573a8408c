import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { markDataFolderInUse } from './data-folder-lock';
import { GroupCommit, type CommitCounts, type GroupCommitBounds } from './group-commit';
import { withStatementCache } from './statement-cache';
import type { Dialect } from './dialect';
import { migrateToLatest } from './migrations';
import type { DatabaseSchema } from './schema';

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export type Database = {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: Dialect;
  /**
   * Runs `work` in a transaction that no other writer overlaps, in this process and across
   * processes sharing one PostgreSQL database (an advisory lock). Why: the change feed's
   * sequence numbers must be committed in the order they are handed out, or a client could pull
   * past a change that commits later and never see it. Concurrent writes share one commit (see
   * GroupCommit); each keeps its own outcome, which resolves once it is durably committed.
   */
  writeTransaction<T>(work: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T>;
  /** Batches committed so far and the writes they carried. */
  committed(): Readonly<CommitCounts>;
  close(): Promise<void>;
};

/** Any number fits: the lock key only has to be the same in every Tierdesk process. */
const WRITE_LOCK_KEY = 7_401_001;

// int8 (bigint) columns hold epoch milliseconds and sequences: safe as JS numbers.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export async function openDatabase(options: { dataDir: string; databaseUrl: string | null; groupCommit?: GroupCommitBounds }): Promise<Database> {
  const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options.dataDir);
  // `npm run restore` refuses to replace the database while this marker says a process has it open.
  const folderInUse = dialect === 'sqlite' ? markDataFolderInUse(options.dataDir) : null;
  try {
    await migrateToLatest(db as Kysely<unknown>, dialect);
  } catch (error) {
    await db.destroy();
    folderInUse?.release();
    throw error;
  }

  const writes = new GroupCommit((batch) =>
    db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
      await batch(trx);
    }),
    options.groupCommit,
  );
  return {
    db,
    dialect,
    writeTransaction: (work) => writes.write(work),
    committed: () => writes.committed,
    async close() {
      await db.destroy();
      folderInUse?.release();
    },
  };
}

function openSqlite(dataDir: string): Kysely<DatabaseSchema> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = new Sqlite(path.join(dataDir, 'tierdesk.sqlite'));
  // WAL lets readers (pulls) proceed while a write commits. FULL syncs the log at every commit:
  // an acknowledged write survives a power loss, not only a crash of the process. Group commit
  // makes that one fsync per batch of writes.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  return new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
}

function openPostgres(connectionString: string): Kysely<DatabaseSchema> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the database closes (restart, failover, admin shutdown) surfaces here;
  // unhandled it would crash the process, while the pool simply opens a new one when needed.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
  // A connection checked out of the pool (a transaction between two statements) reports its loss
  // on the client itself, where the pool no longer listens: unhandled, that killed the process on
  // every database restart under load. The work on it fails and the pool drops the client.
  pool.on('connect', (client) => client.on('error', (error) => process.emitWarning(`PostgreSQL connection lost in use: ${error.message}`)));
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
}

/** A unique index refused a row: SQLite says SQLITE_CONSTRAINT_UNIQUE, PostgreSQL 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
