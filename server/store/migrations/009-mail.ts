import type { Kysely, Migration } from 'kysely';

/**
 * The email channel. `mail_message_ids`: every Message-ID Tierdesk received or sent, with its
 * ticket: replies thread by them (In-Reply-To, References), and an inbound id seen before is a
 * redelivery, stored once. `sender` (inbound) lists who took part in a ticket by mail, which the
 * subject-tag rule asks. `mail_outbox`: the durable outbound queue, one row per public message to
 * mail, with everything the sender needs (no ticket read at send time), retried with backoff
 * until sent, refused for good, or too old.
 */
export const mailMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mail_message_ids')
      .addColumn('message_id', 'varchar(250)', (c) => c.primaryKey())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('direction', 'varchar(3)', (c) => c.notNull())
      .addColumn('sender', 'varchar(254)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mail_message_ids_ticket').on('mail_message_ids').columns(['ticket_id', 'created_at']).execute();

    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('message_id', 'varchar(250)', (c) => c.notNull())
      .addColumn('envelope', 'text', (c) => c.notNull())
      .addColumn('state', 'varchar(10)', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('claimed_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['state', 'next_attempt_at']).execute();
  },
};
