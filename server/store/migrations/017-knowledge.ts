import type { Kysely, Migration } from 'kysely';

/**
 * The knowledge base: articles (the current version, with the columns that reads select by) and
 * every version with its author. `seq` comes from the feed counter, so consoles can pull what
 * changed since their checkpoint like tickets.
 */
export const knowledgeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('kb_articles')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('slug', 'varchar(120)', (c) => c.notNull().unique())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('visibility', 'varchar(20)', (c) => c.notNull())
      .addColumn('language', 'varchar(5)', (c) => c.notNull())
      .addColumn('translation_group', 'varchar(36)', (c) => c.notNull())
      .addColumn('source_ticket_id', 'varchar(36)')
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_articles_seq').on('kb_articles').column('seq').execute();
    await db.schema.createIndex('kb_articles_translations').on('kb_articles').column('translation_group').execute();
    await db.schema.createIndex('kb_articles_source_ticket').on('kb_articles').column('source_ticket_id').execute();
    await db.schema
      .createTable('kb_article_versions')
      .addColumn('article_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('author_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('kb_article_versions_pk', ['article_id', 'version'])
      .execute();
  },
};
