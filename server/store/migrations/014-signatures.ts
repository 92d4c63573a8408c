import type { Kysely, Migration } from 'kysely';

/** Each agent's mail signature (placeholders allowed), appended to their replies' mails; null: none. */
export const signaturesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('agents').addColumn('signature', 'text').execute();
  },
};
