import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** SLA settings, durable lifecycle timers, and the customer's organisation (their contract). */
export const lifecycleMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('timers')
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull().references('tickets.id'))
      .addColumn('kind', 'varchar(40)', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('fired_at', 'bigint')
      .execute();
    // The scheduler asks "what is due and not fired yet", ordered by time.
    await db.schema.createIndex('timers_pending').on('timers').columns(['fired_at', 'due_at']).execute();
    await db.schema.createIndex('timers_ticket').on('timers').column('ticket_id').execute();

    await db.schema.alterTable('customers').addColumn('organization', 'varchar(120)').execute();
  },
});
