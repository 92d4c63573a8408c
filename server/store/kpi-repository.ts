import { KPI_OPEN_STATUSES, type AgentMembership, type Level, type Role, type Ticket } from '../../core';
import type { AuditEvent } from './audit-repository';
import type { Executor } from './database';

/** The audit event types KPIs are made of; the rest of the log is history only. */
export const KPI_EVENT_TYPES = ['ticket.registered', 'ticket.assigned', 'ticket.taken', 'ticket.replied', 'ticket.status_changed', 'ticket.customer_wrote', 'ticket.rated', 'ticket.self_solved'] as const;

export async function openTicketDocs(db: Executor): Promise<Ticket[]> {
  const rows = await db.selectFrom('tickets').select('doc').where('status', 'in', [...KPI_OPEN_STATUSES]).execute();
  return rows.map((row) => JSON.parse(row.doc) as Ticket);
}

/** What the KPI fold reads of a ticket: a few fields, not the whole document (descriptions can be long). */
export type KpiTicketFacts = Pick<Ticket, 'id' | 'createdAt' | 'channel' | 'groupId' | 'level' | 'firstResponseAt' | 'sla'>;

const FACTS_CHUNK = 500;

/**
 * KPI events in [from, to), in the order they were recorded, each with its ticket's facts as the
 * ticket is now. Each ticket document is read and parsed once, however many events it has, and
 * only its facts are kept: a year of history stays a modest amount of memory.
 */
export async function kpiEventsBetween(db: Executor, from: number, to: number): Promise<{ event: AuditEvent; ticket: KpiTicketFacts | undefined }[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['id', 'ticket_id', 'actor_type', 'actor_id', 'type', 'data', 'created_at'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('type', 'in', [...KPI_EVENT_TYPES])
    .orderBy('id')
    .execute();
  const facts = await ticketFacts(db, [...new Set(rows.map((row) => row.ticket_id))]);
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
    ticket: facts.get(row.ticket_id),
  }));
}

async function ticketFacts(db: Executor, ids: readonly string[]): Promise<Map<string, KpiTicketFacts>> {
  const facts = new Map<string, KpiTicketFacts>();
  for (let start = 0; start < ids.length; start += FACTS_CHUNK) {
    const rows = await db.selectFrom('tickets').select(['id', 'doc']).where('id', 'in', ids.slice(start, start + FACTS_CHUNK)).execute();
    for (const row of rows) {
      const { id, createdAt, channel, groupId, level, firstResponseAt, sla } = JSON.parse(row.doc) as Ticket;
      facts.set(row.id, { id, createdAt, channel, groupId, level, firstResponseAt, sla });
    }
  }
  return facts;
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
