import { sql, type Kysely, type Migration } from 'kysely';

type LegacyTicket = { assigneeId: string | null; updatedAt: number; groupId: string | null; priority: string; level: number } & Record<string, unknown>;

/**
 * Routing: the columns routing filters and weighs on (priority, level), the per-agent state of
 * round robin and sync epochs, and the record of who lost sight of which ticket (so that their
 * console drops it). Existing tickets join the General group and gain the assignment fields.
 */
export const routingMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('priority', 'varchar(10)', (c) => c.notNull().defaultTo('normal')).execute();
    await db.schema.alterTable('tickets').addColumn('level', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    // Loads: open tickets per assignee. Waiting queues: unassigned tickets per group and line.
    await db.schema.createIndex('tickets_assignee_status').on('tickets').columns(['assignee_id', 'status']).execute();
    await db.schema.createIndex('tickets_group_level').on('tickets').columns(['group_id', 'level', 'assignee_id']).execute();

    await db.schema.alterTable('agents').addColumn('sync_epoch', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('agents').addColumn('last_routed_seq', 'bigint').execute();

    await db.schema
      .createTable('ticket_sight_losses')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('agent_id', 'varchar(36)', (c) => c.notNull())
      .addColumn('ticket_id', 'varchar(36)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_sight_losses_agent').on('ticket_sight_losses').columns(['agent_id', 'seq']).execute();

    const general = await sql<{ id: string }>`select id from groups where name = 'General'`.execute(db);
    const generalId = general.rows[0]?.id ?? null;
    const rows = await sql<{ id: string; doc: string }>`select id, doc from tickets`.execute(db);
    for (const row of rows.rows) {
      const ticket = JSON.parse(row.doc) as LegacyTicket;
      const upgraded = {
        ...ticket,
        groupId: ticket.groupId ?? generalId,
        assignedAt: ticket.assigneeId === null ? null : ticket.updatedAt,
        assignedBy: null,
        precedent: false,
      };
      await sql`update tickets set doc = ${JSON.stringify(upgraded)}, group_id = ${upgraded.groupId}, priority = ${ticket.priority}, level = ${ticket.level} where id = ${row.id}`.execute(db);
    }
  },
};
