import Sqlite from 'better-sqlite3';
import { knownMigrationNames } from '../store/migrations';
import { BackupError } from './backup-error';

/** The tables every Tierdesk database has had since its first migration. */
const REQUIRED_TABLES = ['kysely_migration', 'agents', 'tickets', 'messages', 'counters'] as const;

/** Passed to each step of the online backup: copy every page in one step (see `copyLiveDatabase`). */
const ALL_PAGES = 0x7fffffff;

export type DatabaseFacts = {
  migrations: string[];
  counts: { tickets: number; messages: number; agents: number };
  highestTicketNumber: number;
};

/**
 * Copies a database that a running server may be writing, with SQLite's online backup API.
 * Why one step for all pages: a step reads inside one read transaction, which in WAL mode sees
 * one committed state and never blocks the server's writers; copied in small steps, every
 * commit by the server in between would restart the copy. The copy is left as one
 * self-contained file (rollback journal mode, no -wal beside it); the server turns WAL on again
 * when it opens a restored copy.
 */
export async function copyLiveDatabase(sourceFile: string, targetFile: string): Promise<void> {
  const source = openExisting(sourceFile, { readonly: false });
  try {
    source.pragma('busy_timeout = 5000');
    requireTierdeskTables(source, sourceFile);
    await source.backup(targetFile, { progress: () => ALL_PAGES });
  } catch (error) {
    throw error instanceof BackupError ? error : new BackupError(`could not copy ${sourceFile}: ${(error as Error).message}`);
  } finally {
    source.close();
  }
  const copy = new Sqlite(targetFile, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Opens a database copy read-only and checks it: it opens, passes `PRAGMA integrity_check` and is
 * a Tierdesk database. Answers what it holds; fails with a BackupError saying which check failed.
 */
export function inspectDatabaseCopy(file: string, shownAs = file): DatabaseFacts {
  const database = openExisting(file, { readonly: true });
  try {
    let problems: string[];
    try {
      problems = database.prepare('pragma integrity_check').pluck().all().map(String);
    } catch (error) {
      throw new BackupError(`${shownAs} is damaged: PRAGMA integrity_check failed: ${(error as Error).message}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`${shownAs} is damaged: PRAGMA integrity_check reports ${problems.slice(0, 5).join('; ')}`);
    }
    requireTierdeskTables(database, shownAs);
    const migrations = database
      .prepare('select name from kysely_migration order by name')
      .pluck()
      .all()
      .map(String);
    const count = (table: 'tickets' | 'messages' | 'agents') => Number(database.prepare(`select count(*) from ${table}`).pluck().get());
    return {
      migrations,
      counts: { tickets: count('tickets'), messages: count('messages'), agents: count('agents') },
      highestTicketNumber: Number(database.prepare('select coalesce(max(number), 0) from tickets').pluck().get()),
    };
  } catch (error) {
    throw error instanceof BackupError ? error : new BackupError(`${shownAs} cannot be read: ${(error as Error).message}`);
  } finally {
    database.close();
  }
}

function openExisting(file: string, options: { readonly: boolean }): Sqlite.Database {
  try {
    return new Sqlite(file, { fileMustExist: true, readonly: options.readonly });
  } catch (error) {
    throw new BackupError(`cannot open ${file}: ${(error as Error).message}`);
  }
}

function requireTierdeskTables(database: Sqlite.Database, file: string): void {
  let present: Set<string>;
  try {
    present = new Set(database.prepare("select name from sqlite_master where type = 'table'").pluck().all().map(String));
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
  }
  const missing = REQUIRED_TABLES.filter((table) => !present.has(table));
  if (missing.length > 0) throw new BackupError(`${file} is not a Tierdesk database (no ${missing.join(', ')} table)`);
}

/** A restore refuses a schema from a newer Tierdesk: this version's server could not run on it. */
export function requireKnownMigrations(migrations: readonly string[]): void {
  const known = new Set(knownMigrationNames());
  const unknown = migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `the database in this backup has a newer schema than this Tierdesk knows (migration ${unknown.join(', ')}): upgrade Tierdesk, then restore`,
    );
  }
}
