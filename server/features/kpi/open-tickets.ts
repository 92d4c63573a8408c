import { isRoutable, KPI_OPEN_STATUSES, LOAD_STATUSES, LOAD_WEIGHTS, noCounts, type CountByStatus, type KpiOpenStatus, type PredictedBreach, type Ticket } from '../../../core';
import { teamKey } from './kpi-tally';

type OpenTicket = Pick<Ticket, 'id' | 'number' | 'priority' | 'assigneeId' | 'groupId' | 'level' | 'createdAt' | 'firstResponseAt' | 'sla' | 'version'> & { status: KpiOpenStatus };

/** Predicted breaches look this far ahead. */
export const BREACH_HORIZON_MS = 60 * 60_000;

const isOpen = (status: Ticket['status']): status is KpiOpenStatus => (KPI_OPEN_STATUSES as readonly string[]).includes(status);

/**
 * The open tickets as they are now, indexed by assignee and by team: the live side of the panel
 * (loads, backlogs, the unassigned queue, predicted breaches). Updated per committed ticket, so
 * nothing is ever recomputed from history.
 */
export class OpenTicketIndex {
  private readonly tickets = new Map<string, OpenTicket>();
  private readonly byAgent = new Map<string, Set<string>>();
  private readonly byTeam = new Map<string, Set<string>>();
  /** Versions seen, closed tickets included, so that a late, older copy never undoes a newer one. */
  private readonly versions = new Map<string, number>();

  /** Records a ticket's new state (an older version than the one known is ignored); returns the agents and teams whose figures changed. */
  upsert(ticket: Ticket): { agents: string[]; teams: string[] } {
    const touched = { agents: [] as string[], teams: [] as string[] };
    if ((this.versions.get(ticket.id) ?? -1) > ticket.version) return touched;
    this.versions.set(ticket.id, ticket.version);
    const before = this.tickets.get(ticket.id);
    if (before) {
      this.unindex(before);
      if (before.assigneeId) touched.agents.push(before.assigneeId);
      touched.teams.push(teamKey(before.groupId, before.level));
    }
    if (isOpen(ticket.status)) {
      const { id, number, priority, assigneeId, groupId, level, createdAt, firstResponseAt, sla, version } = ticket;
      const open: OpenTicket = { id, number, priority, assigneeId, groupId, level, createdAt, firstResponseAt, sla, version, status: ticket.status };
      this.tickets.set(ticket.id, open);
      add(this.byTeam, teamKey(groupId, level), id);
      if (assigneeId) add(this.byAgent, assigneeId, id);
      if (assigneeId) touched.agents.push(assigneeId);
      touched.teams.push(teamKey(groupId, level));
    }
    return touched;
  }

  agentWork(agentId: string): { openByStatus: CountByStatus; load: number } {
    const openByStatus = noCounts();
    let load = 0;
    for (const ticket of this.each(this.byAgent.get(agentId))) {
      openByStatus[ticket.status] += 1;
      if (LOAD_STATUSES.includes(ticket.status)) load += LOAD_WEIGHTS[ticket.priority];
    }
    return { openByStatus, load };
  }

  teamWork(key: string, now: number): { backlogByStatus: CountByStatus; unassigned: number; oldestUnassignedSince: number | null; predictedBreaches: PredictedBreach[] } {
    const backlogByStatus = noCounts();
    let unassigned = 0;
    let oldestUnassignedSince: number | null = null;
    const predictedBreaches: PredictedBreach[] = [];
    for (const ticket of this.each(this.byTeam.get(key))) {
      backlogByStatus[ticket.status] += 1;
      if (isRoutable(ticket)) {
        unassigned += 1;
        oldestUnassignedSince = Math.min(oldestUnassignedSince ?? Infinity, ticket.createdAt);
      }
      const due = runningDue(ticket);
      if (due && due.dueAt <= now + BREACH_HORIZON_MS) predictedBreaches.push({ ticketId: ticket.id, number: ticket.number, ...due });
    }
    return { backlogByStatus, unassigned, oldestUnassignedSince, predictedBreaches: predictedBreaches.sort((a, b) => a.dueAt - b.dueAt) };
  }

  teamKeys(): string[] {
    return [...this.byTeam.keys()];
  }

  private *each(ids: Set<string> | undefined): Generator<OpenTicket> {
    for (const id of ids ?? []) {
      const ticket = this.tickets.get(id);
      if (ticket) yield ticket;
    }
  }

  private unindex(ticket: OpenTicket): void {
    this.tickets.delete(ticket.id);
    this.byTeam.get(teamKey(ticket.groupId, ticket.level))?.delete(ticket.id);
    if (ticket.assigneeId) this.byAgent.get(ticket.assigneeId)?.delete(ticket.id);
  }
}

/** The clock that is running and not yet breached: first response until answered, then resolution. */
function runningDue(ticket: OpenTicket): Omit<PredictedBreach, 'ticketId' | 'number'> | null {
  if (ticket.sla.runningSince === null) return null;
  if (ticket.firstResponseAt === null && ticket.sla.firstResponseBreachedAt === null && ticket.sla.firstResponseDueAt !== null) {
    return { dueAt: ticket.sla.firstResponseDueAt, clock: 'first_response' };
  }
  if (ticket.sla.resolutionBreachedAt === null && ticket.sla.resolutionDueAt !== null) return { dueAt: ticket.sla.resolutionDueAt, clock: 'resolution' };
  return null;
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(id);
}
