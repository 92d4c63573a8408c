import type { Kysely, Migration } from 'kysely';

/**
 * Mail held as suspected spam: not a ticket until an agent releases it, never silently dropped.
 * The raw mail is kept in the attachment store (by sha256), so a release runs it through the
 * intake exactly as it arrived; `message_id` keeps a redelivery from being held twice.
 */
export const spamMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('spam_mails')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('message_id', 'varchar(250)', (c) => c.notNull().unique())
      .addColumn('raw_sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('sender', 'varchar(320)', (c) => c.notNull())
      .addColumn('subject', 'varchar(998)', (c) => c.notNull())
      .addColumn('preview', 'text', (c) => c.notNull())
      .addColumn('score', 'real', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('spam_mails_received').on('spam_mails').columns(['received_at', 'id']).execute();
  },
};
