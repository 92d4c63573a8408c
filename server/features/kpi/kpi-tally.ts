import type { Channel, HourBucket, Level, Ticket } from '../../../core';
import type { AuditEvent } from '../../store/audit-repository';

/** What a tally needs to know about the ticket an event is about (live: as it was then; history: as it is now). */
export type TicketFacts = Pick<Ticket, 'id' | 'createdAt' | 'channel' | 'groupId' | 'level' | 'firstResponseAt' | 'sla'>;

export type AgentTally = {
  assigned: number;
  solved: number;
  /** Distinct tickets solved in the period, and whether a breach was on record when solved. */
  solvedTickets: Map<string, { breached: boolean }>;
  reopened: Set<string>;
  firstResponsesMs: number[];
  resolutionsMs: number[];
  /** Latest score per ticket rated in the period. */
  ratings: Map<string, number>;
};

export type TeamTally = {
  incoming: number;
  incomingByChannel: Partial<Record<Channel, number>>;
  solved: number;
  /** Solved by the customer with an offered article ("This solved my problem"): nobody's solve. */
  selfSolved: number;
  firstResponsesMs: number[];
  resolutionsMs: number[];
  /** Per hour since the period's start (the live panel's charts read them). */
  hours: Map<number, HourBucket>;
};

export const teamKey = (groupId: string | null, level: Level | number): string => `${groupId ?? ''}/${level}`;

const HOUR_MS = 3_600_000;

/**
 * The KPI definitions, as one fold over audit events (README "KPIs"): used for today's live
 * figures (events folded as they commit) and for any period (events replayed from the log). An
 * event is attributed to the agent who acted (assignee for assignments, replier for the first
 * response, whoever set Fixed for a solve, the last solver of the period for reopens and ratings)
 * and to the team (group and line) of its ticket. A customer's own solve (self-service) counts for
 * the team only. Events before `periodStart` must not be folded.
 */
export class KpiTally {
  readonly agents = new Map<string, AgentTally>();
  readonly teams = new Map<string, TeamTally>();
  private readonly lastSolver = new Map<string, string>();
  /** A ticket has one first response, even when two replies share its millisecond. */
  private readonly firstResponded = new Set<string>();
  /** Whose figures hold each ticket's rating: a later rating replaces it, whoever solved it since. */
  private readonly ratedFor = new Map<string, string>();

  constructor(readonly periodStart: number) {}

  /** Folds one event in; returns the agents and teams whose figures it changed. */
  fold(event: AuditEvent, ticket: TicketFacts | undefined): { agents: string[]; teams: string[] } {
    const touched = { agents: [] as string[], teams: [] as string[] };
    const agent = (id: string) => {
      touched.agents.push(id);
      return this.agent(id);
    };
    const team = (groupId: string | null, level: Level | number) => {
      const key = teamKey(groupId, level);
      touched.teams.push(key);
      return this.team(key);
    };
    const data = event.data;
    switch (event.type) {
      case 'ticket.registered': {
        const groupId = typeof data.groupId === 'string' ? data.groupId : (ticket?.groupId ?? null);
        const level = typeof data.level === 'number' ? data.level : (ticket?.level ?? 1);
        const channel = (typeof data.channel === 'string' ? data.channel : ticket?.channel) as Channel | undefined;
        const tally = team(groupId, level);
        tally.incoming += 1;
        if (!channel) break;
        const bucket = this.bucket(tally, event.createdAt);
        tally.incomingByChannel[channel] = (tally.incomingByChannel[channel] ?? 0) + 1;
        bucket.incomingByChannel[channel] = (bucket.incomingByChannel[channel] ?? 0) + 1;
        break;
      }
      case 'ticket.assigned':
      case 'ticket.taken':
        // Taking a ticket one already holds is no new assignment.
        if (typeof data.to === 'string' && data.to !== data.from) agent(data.to).assigned += 1;
        break;
      case 'ticket.replied': {
        // Answering (or starting) a ticket nobody held makes it the agent's: an assignment too.
        if (typeof data.assignedTo === 'string') agent(data.assignedTo).assigned += 1;
        // Only the reply that set the ticket's first response counts, once, for its author.
        if (!ticket || event.actorId === null || ticket.firstResponseAt !== event.createdAt || this.firstResponded.has(ticket.id)) break;
        this.firstResponded.add(ticket.id);
        const waitedMs = event.createdAt - ticket.createdAt;
        agent(event.actorId).firstResponsesMs.push(waitedMs);
        const tally = team(ticket.groupId, ticket.level);
        tally.firstResponsesMs.push(waitedMs);
        const bucket = this.bucket(tally, event.createdAt);
        bucket.firstResponses += 1;
        bucket.firstResponseTotalMs += waitedMs;
        break;
      }
      case 'ticket.status_changed': {
        if (typeof data.assignedTo === 'string') agent(data.assignedTo).assigned += 1;
        if (data.to !== 'fixed' || !ticket || event.actorId === null) break;
        const resolutionMs = event.createdAt - ticket.createdAt;
        const breachedAt = [ticket.sla.firstResponseBreachedAt, ticket.sla.resolutionBreachedAt].filter((at): at is number => at !== null);
        const solver = agent(event.actorId);
        solver.solved += 1;
        solver.resolutionsMs.push(resolutionMs);
        solver.solvedTickets.set(ticket.id, { breached: breachedAt.some((at) => at <= event.createdAt) });
        this.lastSolver.set(ticket.id, event.actorId);
        const tally = team(ticket.groupId, ticket.level);
        tally.solved += 1;
        tally.resolutionsMs.push(resolutionMs);
        this.bucket(tally, event.createdAt).solved += 1;
        break;
      }
      case 'ticket.customer_wrote': {
        const solver = data.reopened === true ? this.lastSolver.get(event.ticketId) : undefined;
        if (solver) agent(solver).reopened.add(event.ticketId);
        break;
      }
      case 'ticket.self_solved': {
        if (!ticket) break;
        const tally = team(ticket.groupId, ticket.level);
        tally.selfSolved += 1;
        this.bucket(tally, event.createdAt).selfSolved += 1;
        break;
      }
      case 'ticket.rated': {
        if (typeof data.solvedBy !== 'string' || typeof data.score !== 'number') break;
        const earlier = this.ratedFor.get(event.ticketId);
        if (earlier !== undefined && earlier !== data.solvedBy) agent(earlier).ratings.delete(event.ticketId);
        agent(data.solvedBy).ratings.set(event.ticketId, data.score);
        this.ratedFor.set(event.ticketId, data.solvedBy);
        break;
      }
    }
    return touched;
  }

  agent(agentId: string): AgentTally {
    let tally = this.agents.get(agentId);
    if (!tally) {
      tally = { assigned: 0, solved: 0, solvedTickets: new Map(), reopened: new Set(), firstResponsesMs: [], resolutionsMs: [], ratings: new Map() };
      this.agents.set(agentId, tally);
    }
    return tally;
  }

  team(key: string): TeamTally {
    let tally = this.teams.get(key);
    if (!tally) {
      tally = { incoming: 0, incomingByChannel: {}, solved: 0, selfSolved: 0, firstResponsesMs: [], resolutionsMs: [], hours: new Map() };
      this.teams.set(key, tally);
    }
    return tally;
  }

  private bucket(tally: TeamTally, at: number): HourBucket {
    const index = Math.max(0, Math.floor((at - this.periodStart) / HOUR_MS));
    let bucket = tally.hours.get(index);
    if (!bucket) {
      bucket = { hourStart: this.periodStart + index * HOUR_MS, incomingByChannel: {}, solved: 0, selfSolved: 0, firstResponses: 0, firstResponseTotalMs: 0 };
      tally.hours.set(index, bucket);
    }
    return bucket;
  }
}
