import type { Kysely, Migration } from 'kysely';

/**
 * Answer templates: the current version as JSON beside the columns reads select by. `seq` comes
 * from the feed counter (consoles pull what changed since their checkpoint, with the articles);
 * `owner_id` limits a personal template to its owner's feed. Deleted ones stay as rows, so the
 * feed can tell consoles to drop them.
 */
export const templatesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('answer_templates')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('scope', 'varchar(20)', (c) => c.notNull())
      .addColumn('owner_id', 'varchar(36)')
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('answer_templates_seq').on('answer_templates').column('seq').execute();
    await db.schema.createIndex('answer_templates_owner_seq').on('answer_templates').columns(['owner_id', 'seq']).execute();
  },
};
