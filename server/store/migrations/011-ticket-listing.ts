import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * `GET /api/tickets` lists a viewer's tickets newest first, by requester, status or channel. The
 * ticket row gets the columns those filters and that order read (until now only inside the JSON
 * document), filled from the documents, with an index for the order and one for the requester.
 */
export const ticketListingMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('requester_email', 'varchar(254)', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('tickets').addColumn('channel', 'varchar(20)', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('tickets').addColumn('created_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    if (dialect === 'postgres') {
      await sql`update tickets set requester_email = (doc::json -> 'requester' ->> 'email'), channel = (doc::json ->> 'channel'), created_at = (doc::json ->> 'createdAt')::bigint`.execute(db);
    } else {
      await sql`update tickets set requester_email = json_extract(doc, '$.requester.email'), channel = json_extract(doc, '$.channel'), created_at = json_extract(doc, '$.createdAt')`.execute(db);
    }
    await db.schema.createIndex('tickets_created').on('tickets').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('tickets_requester_created').on('tickets').columns(['requester_email', 'created_at']).execute();
  },
});
