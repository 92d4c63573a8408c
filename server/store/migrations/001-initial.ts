import { sql, type Kysely, type Migration } from 'kysely';

import type { Dialect } from '../dialect';

/** Written once for both dialects: only types and constraints that SQLite and PostgreSQL share. */
export const initialMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('agents')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('role', 'varchar(20)', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('agent_id', 'varchar(36)', (c) => c.notNull().references('agents.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('sessions_agent').on('sessions').column('agent_id').execute();

    await db.schema
      .createTable('customers')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(120)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('tickets')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('number', 'integer', (c) => c.notNull().unique())
      .addColumn('seq', 'bigint', (c) => c.notNull().unique())
      .addColumn('status', 'varchar(30)', (c) => c.notNull())
      .addColumn('assignee_id', 'varchar(36)')
      .addColumn('group_id', 'varchar(36)')
      .addColumn('access_key_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull().references('tickets.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull().unique())
      .addColumn('doc', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('messages_ticket').on('messages').column('ticket_id').execute();

    await db.schema
      .createTable('mutations')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('agent_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('type', 'varchar(30)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'varchar(10)', (c) => c.notNull())
      .addColumn('rejection', 'text')
      .addColumn('ticket_version', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('actor_type', 'varchar(10)', (c) => c.notNull())
      .addColumn('actor_id', 'varchar(36)')
      .addColumn('type', 'varchar(60)', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_events_ticket').on('audit_events').column('ticket_id').execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    // Ticket numbers start at #1001 so that the first ticket does not look like a test.
    await sql`insert into counters (name, value) values ('seq', 0), ('ticket_number', 1000)`.execute(db);
  },
});
