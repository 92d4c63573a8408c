import type { Kysely, Migration } from 'kysely';

/**
 * Support addresses admins add in the console (besides TIERDESK_MAIL_FROM and
 * TIERDESK_MAIL_ADDRESSES), and the group each address's new tickets go to. A row may name an
 * address of the environment only to give it a group.
 */
export const supportAddressesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('support_addresses')
      .addColumn('address', 'varchar(254)', (c) => c.primaryKey())
      .addColumn('group_id', 'varchar(36)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
