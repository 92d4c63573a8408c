import type { Executor } from './database';

export type AuditEvent = {
  /** Assigned by the database; increases in commit order (write transactions never overlap). */
  id?: number;
  ticketId: string;
  actorType: 'agent' | 'customer' | 'system';
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
  createdAt: number;
};

/** The ticket's history: who did what, when. Append-only. Returns the event with its id, for the change feed. */
export async function recordAuditEvent(db: Executor, event: AuditEvent): Promise<AuditEvent> {
  const inserted = await db
    .insertInto('audit_events')
    .values({
      ticket_id: event.ticketId,
      actor_type: event.actorType,
      actor_id: event.actorId,
      type: event.type,
      data: JSON.stringify(event.data),
      created_at: event.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...event, id: Number(inserted.id) };
}

export async function listAuditEvents(db: Executor, ticketId: string): Promise<AuditEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((row) => ({
    ticketId: row.ticket_id,
    actorType: row.actor_type as AuditEvent['actorType'],
    actorId: row.actor_id,
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: Number(row.created_at),
  }));
}

/** Who last set the ticket Fixed (the agent a customer's rating is about), or null if nobody has. */
export async function lastSolverOf(db: Executor, ticketId: string): Promise<string | null> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['actor_id', 'data'])
    .where('ticket_id', '=', ticketId)
    .where('type', '=', 'ticket.status_changed')
    .orderBy('id', 'desc')
    .execute();
  const fixed = rows.find((row) => (JSON.parse(row.data) as { to?: string }).to === 'fixed');
  return fixed?.actor_id ?? null;
}
