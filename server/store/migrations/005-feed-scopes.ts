import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Reads bounded by what the viewer may see. A pull selects the viewer's rows through indexes, one
 * scope at a time (a group's tickets, the viewer's own tickets), instead of scanning the shared
 * feed and filtering: tickets by (group, seq) and (assignee, seq), and messages by the same pair
 * of their ticket, which each message row carries (kept equal to its ticket's on every move).
 * Messages also carry their time, so a long conversation is read a page at a time, newest first.
 */
export const feedScopesMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('tickets_group_seq').on('tickets').columns(['group_id', 'seq']).execute();
    await db.schema.createIndex('tickets_assignee_seq').on('tickets').columns(['assignee_id', 'seq']).execute();

    await db.schema.alterTable('messages').addColumn('group_id', 'varchar(36)').execute();
    await db.schema.alterTable('messages').addColumn('assignee_id', 'varchar(36)').execute();
    await db.schema.alterTable('messages').addColumn('created_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update messages set group_id = (select group_id from tickets where tickets.id = messages.ticket_id), assignee_id = (select assignee_id from tickets where tickets.id = messages.ticket_id)`.execute(db);
    const createdAt = dialect === 'postgres' ? sql`cast(cast(doc as json)->>'createdAt' as bigint)` : sql`cast(json_extract(doc, '$.createdAt') as integer)`;
    await sql`update messages set created_at = ${createdAt}`.execute(db);
    await db.schema.createIndex('messages_group_seq').on('messages').columns(['group_id', 'seq']).execute();
    await db.schema.createIndex('messages_assignee_seq').on('messages').columns(['assignee_id', 'seq']).execute();
    await db.schema.createIndex('messages_ticket_time').on('messages').columns(['ticket_id', 'created_at', 'id']).execute();
  },
});
