import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Groups and their members. Out of the box there is "General", which takes uncategorised tickets;
 * every agent who exists when this runs joins it at their level with capacity 10.
 */
export const groupsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('groups')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(120)', (c) => c.notNull().unique())
      .addColumn('categories', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('group_members')
      .addColumn('group_id', 'varchar(36)', (c) => c.notNull().references('groups.id'))
      .addColumn('agent_id', 'varchar(36)', (c) => c.notNull().references('agents.id'))
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'agent_id'])
      .execute();
    await db.schema.createIndex('group_members_agent').on('group_members').column('agent_id').execute();

    const generalId = randomUUID();
    const now = Date.now();
    await sql`insert into groups (id, name, categories, created_at) values (${generalId}, 'General', '[]', ${now})`.execute(db);
    await sql`insert into group_members (group_id, agent_id, level, capacity) select ${generalId}, id, level, 10 from agents`.execute(db);
  },
};
