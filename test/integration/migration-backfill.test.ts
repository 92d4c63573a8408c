import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import type { Dialect } from '../../server/store/dialect';
import { migrateTo, migrateToLatest } from '../../server/store/migrations';
import { ticketMatchesText } from '../../server/store/search-terms-repository';

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing) console.warn(`[skip] migration backfill on PostgreSQL: ${postgresMissing}`);

const ticketDoc = (number: number, email: string, channel: string, createdAt: number) =>
  JSON.stringify({ id: `00000000-0000-4000-8000-00000000000${number}`, number, subject: 'Old', channel, requester: { email, name: 'Old Customer', organization: null }, createdAt });

/**
 * 011 gave the ticket row the columns GET /api/tickets filters and orders by, filled from the
 * documents of tickets stored before it: a desk upgraded from an older release must list its old
 * tickets by requester, channel and time like new ones.
 */
async function backfills(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await migrateTo(db, dialect, '010-mailboxes');
  for (const [number, email, channel, createdAt] of [[1, 'anna@customer.test', 'email', 1_700_000_000_000], [2, 'jan@customer.test', 'portal', 1_700_000_500_000]] as const) {
    await sql`insert into tickets (id, number, seq, status, access_key_hash, doc, updated_at) values (${`00000000-0000-4000-8000-00000000000${number}`}, ${number}, ${number}, 'new', 'x', ${ticketDoc(number, email, channel, createdAt)}, ${createdAt})`.execute(db);
  }
  await migrateToLatest(db, dialect);
  const rows = await sql<{ number: number; requester_email: string; channel: string; created_at: number | string }>`select number, requester_email, channel, created_at from tickets order by number`.execute(db);
  expect(rows.rows.map((row) => ({ ...row, number: Number(row.number), created_at: Number(row.created_at) }))).toEqual([
    { number: 1, requester_email: 'anna@customer.test', channel: 'email', created_at: 1_700_000_000_000 },
    { number: 2, requester_email: 'jan@customer.test', channel: 'portal', created_at: 1_700_000_500_000 },
  ]);
}

describe('migration 011: the listing columns of tickets stored before it', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('fills them from the documents on SQLite', async () => {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });
    cleanups.push(() => db.destroy());
    await backfills(db, 'sqlite');
  });

  it.skipIf(postgresMissing !== null)('fills them from the documents on PostgreSQL', async () => {
    const scratch = await createScratchDatabase();
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 2 }) }) });
    cleanups.push(async () => {
      await db.destroy();
      await scratch.drop();
    });
    await backfills(db, 'postgres');
  });
});

/**
 * 016 made tickets searchable by stemmed terms: tickets and messages stored before it must be found
 * like new ones, by their own words and by any form of a word in a searched message, never by a
 * word of the desk's form letters.
 */
async function indexesOldTickets(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await migrateTo(db, dialect, '015-support-addresses');
  const ticketId = '00000000-0000-4000-8000-000000000001';
  const doc = JSON.stringify({ id: ticketId, number: 41, subject: 'Faktura', channel: 'email', requester: { email: 'ola@firma.test', name: 'Ola', organization: null }, tags: ['billing'], createdAt: 1 });
  await sql`insert into tickets (id, number, seq, status, access_key_hash, doc, updated_at, requester_email, channel, created_at) values (${ticketId}, 41, 1, 'new', 'x', ${doc}, 1, 'ola@firma.test', 'email', 1)`.execute(db);
  const message = (id: string, seq: number, kind: string, body: string) =>
    sql`insert into messages (id, ticket_id, seq, doc, created_at) values (${id}, ${ticketId}, ${seq}, ${JSON.stringify({ id, ticketId, kind, body, createdAt: seq })}, ${seq})`.execute(db);
  await message('00000000-0000-4000-8000-0000000000a1', 2, 'customer', 'Drukarka nie drukuje faktur');
  await message('00000000-0000-4000-8000-0000000000a2', 3, 'auto_reply', 'We received your request');
  await migrateToLatest(db, dialect);

  const found = async (text: string) => {
    const rows = await sql<{ id: string }>`select t.id from tickets t where ${ticketMatchesText(dialect, text)!}`.execute(db);
    return rows.rows.map((row) => row.id);
  };
  expect(await found('drukarki')).toEqual([ticketId]);
  expect(await found('faktury billing')).toEqual([ticketId]);
  expect(await found('41')).toEqual([ticketId]);
  expect(await found('received')).toEqual([]);
}

describe('migration 016: the search terms of tickets stored before it', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('indexes them on SQLite', async () => {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });
    cleanups.push(() => db.destroy());
    await indexesOldTickets(db, 'sqlite');
  });

  it.skipIf(postgresMissing !== null)('indexes them on PostgreSQL', async () => {
    const scratch = await createScratchDatabase();
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 2 }) }) });
    cleanups.push(async () => {
      await db.destroy();
      await scratch.drop();
    });
    await indexesOldTickets(db, 'postgres');
  });
});
