import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD_WEIGHTS, PRIORITIES, TICKET_STATUSES } from '../../core';
import { openDatabase, type Database } from '../../server/store/database';
import { openLoads } from '../../server/store/routing-repository';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';

const AGENTS = ['a1', 'a2', 'a3'];
const STATUSES = TICKET_STATUSES;

const postgresAbsent = await postgresUnavailableReason();
if (postgresAbsent) console.warn(`ticket counts on PostgreSQL skipped: ${postgresAbsent}`);

type Write = { kind: 'insert' | 'update' | 'delete'; ticket: number; assignee: string | null; status: string; priority: string };
const writeArbitrary = fc.record({
  kind: fc.constantFrom<Write['kind']>('insert', 'update', 'update', 'update', 'delete'),
  ticket: fc.integer({ min: 1, max: 12 }),
  assignee: fc.constantFrom(null, ...AGENTS),
  status: fc.constantFrom(...STATUSES),
  priority: fc.constantFrom(...PRIORITIES),
});

async function apply(db: Database, write: Write): Promise<void> {
  await db.writeTransaction(async (trx) => {
    const id = `t${write.ticket}`;
    if (write.kind === 'delete') return void (await sql`delete from tickets where id = ${id}`.execute(trx));
    const exists = (await sql`select 1 from tickets where id = ${id}`.execute(trx)).rows.length > 0;
    if (exists) {
      await sql`update tickets set assignee_id = ${write.assignee}, status = ${write.status}, priority = ${write.priority}, updated_at = updated_at + 1 where id = ${id}`.execute(trx);
    } else {
      await sql`insert into tickets (id, number, seq, status, assignee_id, group_id, priority, level, access_key_hash, doc, updated_at)
        values (${id}, ${write.ticket}, ${write.ticket}, ${write.status}, ${write.assignee}, null, ${write.priority}, 1, 'h', '{}', 0)`.execute(trx);
    }
  });
}

/** The counts recounted from the tickets themselves. */
async function recount(db: Database): Promise<string[]> {
  const rows = await sql<{ key: string }>`select assignee_id || '/' || status || '/' || priority || '=' || count(*) as key from tickets where assignee_id is not null group by assignee_id, status, priority`.execute(db.db);
  return rows.rows.map((row) => row.key).sort();
}
async function kept(db: Database): Promise<string[]> {
  const rows = await sql<{ key: string }>`select agent_id || '/' || status || '/' || priority || '=' || count as key from assignee_ticket_counts where count > 0`.execute(db.db);
  return rows.rows.map((row) => row.key).sort();
}

describe.each([
  { dialect: 'sqlite', skip: false },
  { dialect: 'postgres', skip: postgresAbsent !== null },
])('ticket counts kept by the $dialect triggers', ({ dialect, skip }) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (skip) return;
    if (dialect === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-counts-'));
      db = await openDatabase({ dataDir, databaseUrl: null });
      dispose = async () => {
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      };
    } else {
      const scratch = await createScratchDatabase();
      db = await openDatabase({ dataDir: '', databaseUrl: scratch.url });
      dispose = async () => {
        await db.close();
        await scratch.drop();
      };
    }
  });
  afterAll(async () => {
    if (!skip) await dispose();
  });

  it.skipIf(skip)('equal a recount of the tickets after any sequence of inserts, moves, status and priority changes and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArbitrary, { minLength: 1, maxLength: 40 }), async (writes) => {
        await sql`delete from tickets`.execute(db.db);
        for (const write of writes) await apply(db, write);
        expect(await kept(db)).toEqual(await recount(db));
      }),
      { numRuns: dialect === 'sqlite' ? 60 : 15 },
    );
  });

  it.skipIf(skip)('give routing the weighted open load of each agent', async () => {
    await sql`delete from tickets`.execute(db.db);
    await apply(db, { kind: 'insert', ticket: 1, assignee: 'a1', status: 'in_progress', priority: 'urgent' });
    await apply(db, { kind: 'insert', ticket: 2, assignee: 'a1', status: 'new', priority: 'low' });
    await apply(db, { kind: 'insert', ticket: 3, assignee: 'a1', status: 'closed', priority: 'high' });
    await apply(db, { kind: 'insert', ticket: 4, assignee: 'a2', status: 'in_progress', priority: 'normal' });
    await apply(db, { kind: 'update', ticket: 4, assignee: 'a3', status: 'in_progress', priority: 'normal' });
    // a1: urgent (3) + low (0.5), the closed one does not weigh; a2 gave theirs to a3: normal (1).
    expect(await openLoads(db.db, AGENTS)).toEqual(new Map([['a1', LOAD_WEIGHTS.urgent + LOAD_WEIGHTS.low], ['a2', 0], ['a3', LOAD_WEIGHTS.normal]]));
  });
});
