import { KPI_OPEN_STATUSES, type AgentMembership, type Level, type Role, type Ticket } from '../../core';
import type { AuditEvent } from './audit-repository';
import type { Executor } from './database';

/** The audit event types KPIs are made of; the rest of the log is history only. */
export const KPI_EVENT_TYPES = ['ticket.registered', 'ticket.assigned', 'ticket.taken', 'ticket.replied', 'ticket.status_changed', 'ticket.customer_wrote', 'ticket.rated'] as const;

export async function openTicketDocs(db: Executor): Promise<Ticket[]> {
  const rows = await db.selectFrom('tickets').select('doc').where('status', 'in', [...KPI_OPEN_STATUSES]).execute();
  return rows.map((row) => JSON.parse(row.doc) as Ticket);
}

/** KPI events in [from, to), in the order they were recorded, each with its ticket as it is now. */
export async function kpiEventsBetween(db: Executor, from: number, to: number): Promise<{ event: AuditEvent; ticket: Ticket | undefined }[]> {
  const rows = await db
    .selectFrom('audit_events')
    .leftJoin('tickets', 'tickets.id', 'audit_events.ticket_id')
    .select(['audit_events.id', 'audit_events.ticket_id', 'audit_events.actor_type', 'audit_events.actor_id', 'audit_events.type', 'audit_events.data', 'audit_events.created_at', 'tickets.doc'])
    .where('audit_events.created_at', '>=', from)
    .where('audit_events.created_at', '<', to)
    .where('audit_events.type', 'in', [...KPI_EVENT_TYPES])
    .orderBy('audit_events.id')
    .execute();
  return rows.map((row) => ({
    event: {
      id: Number(row.id),
      ticketId: row.ticket_id,
      actorType: row.actor_type as AuditEvent['actorType'],
      actorId: row.actor_id,
      type: row.type,
      data: JSON.parse(row.data) as Record<string, unknown>,
      createdAt: Number(row.created_at),
    },
    ticket: row.doc ? (JSON.parse(row.doc) as Ticket) : undefined,
  }));
}

export type TeamMember = { id: string; name: string; role: Role; active: boolean; memberships: AgentMembership[] };

/** Every agent with their group memberships: who the panel shows, and against which capacities. */
export async function teamMembers(db: Executor): Promise<TeamMember[]> {
  const [agents, memberships] = await Promise.all([
    db.selectFrom('agents').select(['id', 'name', 'role', 'active']).orderBy('name').execute(),
    db.selectFrom('group_members').selectAll().execute(),
  ]);
  const byAgent = new Map<string, AgentMembership[]>();
  for (const row of memberships) {
    const list = byAgent.get(row.agent_id) ?? [];
    list.push({ groupId: row.group_id, level: row.level as Level, capacity: Number(row.capacity) });
    byAgent.set(row.agent_id, list);
  }
  return agents.map((agent) => ({ id: agent.id, name: agent.name, role: agent.role as Role, active: Boolean(agent.active), memberships: byAgent.get(agent.id) ?? [] }));
}
