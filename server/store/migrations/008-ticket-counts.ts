import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Routing weighs the open load of every member of a group before each decision. Counting their
 * tickets grew with what they hold (half a millisecond per decision once twenty agents held a few
 * hundred each). The database now keeps the count of tickets per (assignee, status, priority),
 * updated by a trigger on every write of a ticket row, so that whatever writes a ticket (any
 * path, any process) keeps it exact; routing reads a few rows per agent. The weights stay in
 * core (LOAD_WEIGHTS): the table holds counts, not loads.
 */
export const ticketCountsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assignee_ticket_counts')
      .addColumn('agent_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('priority', 'varchar(10)', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('assignee_ticket_counts_pk', ['agent_id', 'status', 'priority'])
      .execute();
    if (dialect === 'postgres') await postgresTrigger(db);
    else await sqliteTriggers(db);
    await sql`insert into assignee_ticket_counts (agent_id, status, priority, count)
      select assignee_id, status, priority, count(*) from tickets where assignee_id is not null group by assignee_id, status, priority`.execute(db);
  },
});

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  // `where true` tells SQLite's parser that ON CONFLICT belongs to the upsert, not to the select.
  const countNew = `insert into assignee_ticket_counts (agent_id, status, priority, count)
      select new.assignee_id, new.status, new.priority, 1 where new.assignee_id is not null
      on conflict (agent_id, status, priority) do update set count = count + 1;`;
  const uncountOld = `update assignee_ticket_counts set count = count - 1
      where agent_id = old.assignee_id and status = old.status and priority = old.priority;`;
  await sql.raw(`create trigger tickets_count_insert after insert on tickets begin ${countNew} end`).execute(db);
  await sql
    .raw(
      `create trigger tickets_count_update after update of assignee_id, status, priority on tickets
      when old.assignee_id is not new.assignee_id or old.status is not new.status or old.priority is not new.priority
      begin ${uncountOld} ${countNew} end`,
    )
    .execute(db);
  await sql.raw(`create trigger tickets_count_delete after delete on tickets begin ${uncountOld} end`).execute(db);
}

async function postgresTrigger(db: Kysely<unknown>): Promise<void> {
  await sql`create function tierdesk_count_tickets() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.assignee_id is not distinct from new.assignee_id and old.status = new.status and old.priority = new.priority then
        return null;
      end if;
      if tg_op in ('UPDATE', 'DELETE') and old.assignee_id is not null then
        update assignee_ticket_counts set count = count - 1
          where agent_id = old.assignee_id and status = old.status and priority = old.priority;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.assignee_id is not null then
        insert into assignee_ticket_counts (agent_id, status, priority, count) values (new.assignee_id, new.status, new.priority, 1)
          on conflict (agent_id, status, priority) do update set count = assignee_ticket_counts.count + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger tickets_count after insert or update of assignee_id, status, priority or delete on tickets
    for each row execute function tierdesk_count_tickets()`.execute(db);
}
