import type { Kysely, Migration } from 'kysely';

/**
 * Mailboxes the desk polls over IMAP, set by admins. The password is sealed with the master key
 * (SecretBox, context `mailbox:<id>`), never stored in the clear. One server process at a time
 * reads a mailbox: it holds a lease (`lease_owner` until `lease_until`) that it renews while
 * connected; another process takes over when the lease runs out. `last_error` and
 * `last_polled_at` tell the admin how the mailbox is doing.
 */
export const mailboxesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mailboxes')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('password_sealed', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'varchar(36)')
      .addColumn('lease_until', 'bigint')
      .addColumn('last_polled_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('idle', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
