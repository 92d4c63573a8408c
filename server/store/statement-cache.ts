import type Sqlite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept: queries differ by their text only (values are parameters), lists of ids by length. */
const KEPT = 1_000;

/**
 * The database as Kysely's SQLite dialect sees it, with each statement prepared once: Kysely
 * prepares every query it runs, and preparing was an eighth of the CPU of a ticket's intake.
 * Past KEPT, the least recently used is let go (the garbage collector finalises it). A statement still iterating (a
 * streamed query) is busy and cannot run again: that query gets a fresh one.
 */
export function withStatementCache(file: Sqlite.Database): SqliteDatabase {
  const statements = new Map<string, Sqlite.Statement>();
  return {
    close: () => void file.close(),
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Map order is insertion order: moving it to the end keeps the least recent first.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept as unknown as SqliteStatement;
      }
      const statement = file.prepare(sql);
      if (!kept) {
        statements.set(sql, statement);
        if (statements.size > KEPT) statements.delete(statements.keys().next().value!);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
