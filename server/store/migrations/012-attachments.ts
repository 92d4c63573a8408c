import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Attachments: one row per file on a ticket (`message_id` null while an agent's upload waits for
 * the reply that sends it), naming its bytes by SHA-256. The bytes live in the data folder on the
 * embedded store (BlobStore) and in `attachment_blobs` on PostgreSQL, where every process reads them.
 */
export const attachmentsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('message_id', 'varchar(36)')
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('filename', 'varchar(255)', (c) => c.notNull())
      .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('inline', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'varchar(36)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_ticket').on('attachments').columns(['ticket_id']).execute();
    if (dialect === 'postgres') {
      await db.schema.createTable('attachment_blobs').addColumn('sha256', 'varchar(64)', (c) => c.primaryKey()).addColumn('content', 'bytea', (c) => c.notNull()).execute();
    }
  },
});
