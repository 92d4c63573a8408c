import type { Executor } from './database';

export type AuditEvent = {
  ticketId: string;
  actorType: 'agent' | 'customer' | 'system';
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
  createdAt: number;
};

/** The ticket's history: who did what, when. Append-only. */
export async function recordAuditEvent(db: Executor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      ticket_id: event.ticketId,
      actor_type: event.actorType,
      actor_id: event.actorId,
      type: event.type,
      data: JSON.stringify(event.data),
      created_at: event.createdAt,
    })
    .execute();
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
