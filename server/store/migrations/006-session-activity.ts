import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Sessions remember when they were last used (the idle timeout) and where they were opened (an
 * agent reviewing their sessions recognises them). The security log records failed sign-ins,
 * refused authorisations, rate-limit hits and second-factor changes, for admins to read.
 */
export const sessionActivityMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').addColumn('last_active_at', 'bigint').execute();
    await db.schema.alterTable('sessions').addColumn('address', 'varchar(64)').execute();
    await db.schema.alterTable('sessions').addColumn('user_agent', 'varchar(200)').execute();

    await db.schema
      .createTable('security_events')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'varchar(40)', (c) => c.notNull())
      .addColumn('agent_id', 'varchar(36)')
      .addColumn('email', 'varchar(254)')
      .addColumn('address', 'varchar(64)')
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('security_events_time').on('security_events').column('created_at').execute();
  },
});
