import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { openDatabase, type Database } from '../../server/store/database';
import { DEFAULT_GROUP_COMMIT, type GroupCommitBounds } from '../../server/store/group-commit';

type Trx = Parameters<Parameters<Database['writeTransaction']>[0]>[0];
type Store = { database: Database; dispose(): Promise<void> };

async function sqliteStore(groupCommit?: GroupCommitBounds): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-group-commit-'));
  const database = await openDatabase({ dataDir, databaseUrl: null, groupCommit });
  return {
    database,
    async dispose() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresStore(groupCommit?: GroupCommitBounds): Promise<Store> {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ dataDir: '', databaseUrl: scratch.url, groupCommit });
  return {
    database,
    async dispose() {
      await database.close();
      await scratch.drop();
    },
  };
}

const postgresAbsent = await postgresUnavailableReason();
if (postgresAbsent) console.warn(`group commit on PostgreSQL skipped: ${postgresAbsent}`);

describe.each([
  { dialect: 'sqlite', open: sqliteStore, skip: false },
  { dialect: 'postgres', open: postgresStore, skip: postgresAbsent !== null },
])('group commit on $dialect', ({ open, skip }) => {
  let store: Store;
  let db: Database;

  beforeEach(async () => {
    if (skip) return;
    store = await open();
    db = store.database;
    await sql`create table probe_parent (id text primary key)`.execute(db.db);
    // Checked at commit, not at the insert: a row that breaks it fails the commit itself.
    await sql`create table probe_child (id text primary key, parent text references probe_parent(id) deferrable initially deferred)`.execute(db.db);
  });
  afterEach(async () => {
    if (!skip) await store.dispose();
  });

  const insertParent = (id: string) => (trx: Trx) => sql`insert into probe_parent (id) values (${id})`.execute(trx).then(() => id);
  const parents = async () => (await sql<{ id: string }>`select id from probe_parent order by id`.execute(db.db)).rows.map((row) => row.id);

  it.skipIf(skip)('writes asked for together share one commit, each with its own result', async () => {
    // No time bound here (a loaded machine would split the batch by time): the size bound holds.
    const unhurried = await open({ ...DEFAULT_GROUP_COMMIT, maxWrites: 20, maxBatchMs: 60_000 });
    try {
      await sql`create table probe_parent (id text primary key)`.execute(unhurried.database.db);
      const ids = Array.from({ length: 50 }, (_, index) => `p${String(index).padStart(2, '0')}`);
      const results = await Promise.all(ids.map((id) => unhurried.database.writeTransaction(insertParent(id))));
      expect(results).toEqual(ids);
      expect(unhurried.database.committed()).toEqual({ commits: 3, writes: 50 });
      const stored = await sql<{ id: string }>`select id from probe_parent order by id`.execute(unhurried.database.db);
      expect(stored.rows.map((row) => row.id)).toEqual(ids);
    } finally {
      await unhurried.dispose();
    }
  });

  it.skipIf(skip)('a failing write is undone alone: its neighbours in the batch commit', async () => {
    const outcomes = await Promise.allSettled([
      db.writeTransaction(insertParent('a')),
      db.writeTransaction(async (trx) => {
        await insertParent('b')(trx);
        await insertParent('a')(trx); // a duplicate key, after a row of its own
      }),
      db.writeTransaction(insertParent('c')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await parents()).toEqual(['a', 'c']);
  });

  it.skipIf(skip)('a later write in a batch sees the writes before it', async () => {
    const [, seen] = await Promise.all([
      db.writeTransaction(insertParent('first')),
      db.writeTransaction(async (trx) => (await sql<{ id: string }>`select id from probe_parent`.execute(trx)).rows.map((row) => row.id)),
    ]);
    expect(seen).toEqual(['first']);
  });

  it.skipIf(skip)('a commit that fails fails every write of its batch, and stores none of them', async () => {
    const outcomes = await Promise.allSettled([
      db.writeTransaction(insertParent('kept-out')),
      db.writeTransaction((trx) => sql`insert into probe_child (id, parent) values ('orphan', 'nobody')`.execute(trx)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await parents()).toEqual([]);
    // The writer is not stuck: the next write commits.
    await db.writeTransaction(insertParent('after'));
    expect(await parents()).toEqual(['after']);
  });

  it.skipIf(skip)('a long batch stops taking writes after its time bound: the rest commit in the next one, in order', async () => {
    const before = db.committed();
    const slowWrite = (id: string) => async (trx: Trx) => {
      const until = performance.now() + 5;
      while (performance.now() < until); // synchronous work, as SQLite statements are
      return insertParent(id)(trx);
    };
    const ids = ['s1', 's2', 's3', 's4', 's5', 's6'];
    await Promise.all(ids.map((id) => db.writeTransaction(slowWrite(id))));
    expect(db.committed().commits - before.commits).toBeGreaterThanOrEqual(3);
    expect(await parents()).toEqual(ids);
  });
});

describe('group commit durability on sqlite', () => {
  it('is acknowledged only once committed: another connection reads the row when the write resolves', async () => {
    const store = await sqliteStore();
    try {
      await sql`create table probe_parent (id text primary key)`.execute(store.database.db);
      const dataFile = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(store.database.db)).rows[0]!.file;
      const other = new Sqlite(dataFile, { readonly: true });
      const seenAtResolve = await Promise.all(
        ['x', 'y', 'z'].map((id) =>
          store.database.writeTransaction((trx) => sql`insert into probe_parent (id) values (${id})`.execute(trx)).then(() => other.prepare('select count(*) as n from probe_parent where id = ?').get(id)),
        ),
      );
      expect(seenAtResolve).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
      other.close();
      const synchronous = (await sql<{ synchronous: number }>`pragma synchronous`.execute(store.database.db)).rows[0]!.synchronous;
      expect(synchronous).toBe(2); // FULL: the log is synced at every commit
    } finally {
      await store.dispose();
    }
  });
});
