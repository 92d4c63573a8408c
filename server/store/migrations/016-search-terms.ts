import { sql, type Kysely, type Migration } from 'kysely';
import { isSearchedMessage, termsOfText, ticketOwnText } from '../../../core/search';
import type { Message, Ticket } from '../../../core';
import type { Dialect } from '../dialect';

/** Rows written per statement while indexing the tickets already stored. */
const BACKFILL_BATCH = 200;

/**
 * Ticket search over stemmed terms (core/search), the same on both stores: neither has Polish
 * stemming, and their own English and Russian stemmers differ from the console's. `search_terms`
 * holds the terms; SQLite indexes them with an external-content FTS5 table kept by triggers
 * (`unicode61` without diacritic removal, so it reads the terms exactly as PostgreSQL does),
 * PostgreSQL with a GIN index over `array_to_tsvector`, which takes the terms as they are (no
 * parser, no configuration). Tickets already stored are indexed here.
 */
export const searchTermsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect === 'sqlite') {
      // An explicit integer key: FTS5's external content refers to rows by rowid, which VACUUM may renumber otherwise.
      await sql`create table search_terms (row_id integer primary key, source_id varchar(36) not null unique, ticket_id varchar(36) not null, terms text not null)`.execute(db);
      await sql`create virtual table search_terms_fts using fts5(terms, content='search_terms', content_rowid='row_id', tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`create trigger search_terms_inserted after insert on search_terms begin insert into search_terms_fts(rowid, terms) values (new.row_id, new.terms); end`.execute(db);
      await sql`create trigger search_terms_deleted after delete on search_terms begin insert into search_terms_fts(search_terms_fts, rowid, terms) values ('delete', old.row_id, old.terms); end`.execute(db);
      await sql`create trigger search_terms_updated after update on search_terms begin
        insert into search_terms_fts(search_terms_fts, rowid, terms) values ('delete', old.row_id, old.terms);
        insert into search_terms_fts(rowid, terms) values (new.row_id, new.terms);
      end`.execute(db);
    } else {
      await sql`create table search_terms (source_id varchar(36) primary key, ticket_id varchar(36) not null, terms text not null)`.execute(db);
      await sql`create index search_terms_vector on search_terms using gin (array_to_tsvector(string_to_array(terms, ' ')))`.execute(db);
    }
    await sql`create index search_terms_ticket on search_terms (ticket_id)`.execute(db);
    await backfill(db);
  },
});

type TermsTable = { search_terms: { source_id: string; ticket_id: string; terms: string } };

/** Page by page (a large desk's conversations do not fit in memory at once), each page written as it is read. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const write = async (rows: TermsTable['search_terms'][]) => {
    for (let start = 0; start < rows.length; start += BACKFILL_BATCH) {
      await (db as Kysely<TermsTable>).insertInto('search_terms').values(rows.slice(start, start + BACKFILL_BATCH)).execute();
    }
  };
  for (let after = ''; ; ) {
    const page = await sql<{ id: string; doc: string }>`select id, doc from tickets where id > ${after} order by id limit 1000`.execute(db);
    if (page.rows.length === 0) break;
    await write(page.rows.map(({ id, doc }) => ({ source_id: id, ticket_id: id, terms: termsOfText(ticketOwnText(storedTicket(doc))).join(' ') })));
    after = page.rows.at(-1)!.id;
  }
  for (let after = ''; ; ) {
    const page = await sql<{ id: string; ticket_id: string; doc: string }>`select id, ticket_id, doc from messages where id > ${after} order by id limit 1000`.execute(db);
    if (page.rows.length === 0) break;
    const searched = page.rows.map((row) => ({ row, message: JSON.parse(row.doc) as Partial<Message> & Pick<Message, 'kind'> })).filter(({ message }) => isSearchedMessage(message));
    await write(searched.map(({ row, message }) => ({ source_id: row.id, ticket_id: row.ticket_id, terms: termsOfText(message.body ?? '').join(' ') })));
    after = page.rows.at(-1)!.id;
  }
}

/** A document of any earlier release: fields added since may be missing. */
function storedTicket(doc: string): Parameters<typeof ticketOwnText>[0] {
  const ticket = JSON.parse(doc) as Partial<Ticket>;
  return {
    number: ticket.number ?? 0,
    subject: ticket.subject ?? '',
    requester: { email: ticket.requester?.email ?? '', name: ticket.requester?.name ?? '', organization: null },
    tags: ticket.tags ?? [],
  };
}
