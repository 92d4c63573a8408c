import { localMidnightAfter, startOfLocalDay, type Ticket } from '../../../core';
import type { Clock } from '../../clock';
import type { Database } from '../../store/database';
import { kpiEventsBetween, openTicketDocs, teamMembers, type TeamMember } from '../../store/kpi-repository';
import { loadSlaSettings } from '../../store/settings-repository';
import type { CommittedChange } from '../../sync/change-feed';
import type { PresenceLookup } from '../routing/router';
import { KpiTally, type TicketFacts } from './kpi-tally';
import { OpenTicketIndex } from './open-tickets';

/** What changed since the last look: the publisher turns it into deltas. */
export type KpiDirt = { agents: Set<string>; teams: Set<string>; oldestChangeAt: number | null; reshaped: boolean };

/**
 * Today's KPIs, kept current in memory: the open tickets as they are (loads, backlogs) and a
 * tally of today's audit events (assignments, response times, solves). Built once at start from
 * the database, then folded forward from every committed change: no recomputation over history
 * per event. Each server process keeps its own (the change feed reaches every process).
 */
export class LiveKpi {
  private open = new OpenTicketIndex();
  private tally = new KpiTally(0);
  private members = new Map<string, TeamMember>();
  private timeZone = 'UTC';
  private dayEnd = 0;
  private dirt: KpiDirt = { agents: new Set(), teams: new Set(), oldestChangeAt: null, reshaped: false };
  // Changes that commit while the day is (re)loaded are folded in once it is. A change may both be
  // read by the load and delivered after it: the ids of every event folded today and ticket
  // versions make folding it twice harmless. A high-water mark would not do: with several
  // processes, changes arrive in the order they were published, not committed.
  private pending: CommittedChange[] | null = [];
  private foldedEventIds = new Set<number>();
  private readonly dirtListeners = new Set<() => void>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    readonly presence: PresenceLookup,
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** Loads the open tickets, the team and today's events. Call once before use. */
  async start(): Promise<void> {
    await this.loadTeam();
    await this.reloadDay();
  }

  get dayStart(): number {
    return this.tally.periodStart;
  }

  get zone(): string {
    return this.timeZone;
  }

  /** Folds a committed change in: its tickets' new states and its audit events. */
  apply(change: CommittedChange): void {
    if (this.pending) {
      this.pending.push(change);
      return;
    }
    this.dirt.oldestChangeAt ??= this.wallClock();
    const docs = new Map<string, Ticket>(change.tickets.map((row) => [row.doc.id, row.doc]));
    for (const ticket of docs.values()) this.mark(this.open.upsert(ticket));
    for (const event of change.audit) {
      if (event.createdAt < this.tally.periodStart || (event.id !== undefined && this.foldedEventIds.has(event.id))) continue;
      if (event.id !== undefined) this.foldedEventIds.add(event.id);
      this.mark(this.tally.fold(event, docs.get(event.ticketId) as TicketFacts | undefined));
    }
    this.notify();
  }

  presenceChanged(agentId: string): void {
    this.dirt.oldestChangeAt ??= this.wallClock();
    this.dirt.agents.add(agentId);
    this.notify();
  }

  /** Called whenever figures changed (a publisher schedules its next update). */
  onDirty(listener: () => void): () => void {
    this.dirtListeners.add(listener);
    return () => this.dirtListeners.delete(listener);
  }

  /**
   * Agents, roles, memberships or the desk's settings changed: reload them (and today itself when
   * the time zone moved, since "today" starts at local midnight); every subscriber gets a snapshot.
   */
  async teamChanged(): Promise<void> {
    await this.loadTeam();
    const { timeZone } = (await loadSlaSettings(this.database.db)).calendar;
    if (timeZone !== this.timeZone && !this.pending) await this.reloadDay();
    this.dirt.reshaped = true;
    this.dirt.oldestChangeAt ??= this.wallClock();
    this.notify();
  }

  /** Changes may have been missed (the relay was down): today is read again from the database. */
  async resync(): Promise<void> {
    if (this.pending) return;
    await this.reloadDay();
    this.dirt.reshaped = true;
    this.notify();
  }

  /** Starts a new day at local midnight (and re-reads the desk's time zone). Returns whether it did. */
  async rollOverIfDue(): Promise<boolean> {
    if (this.pending || this.clock.now() < this.dayEnd) return false;
    await this.reloadDay();
    this.dirt.reshaped = true;
    this.notify();
    return true;
  }

  /** Everything that changed since the previous call. */
  takeDirt(): KpiDirt {
    const dirt = this.dirt;
    this.dirt = { agents: new Set(), teams: new Set(), oldestChangeAt: null, reshaped: false };
    return dirt;
  }

  /** Predicted breaches move with time alone: every team counts as changed. */
  markAllTeams(): void {
    this.open.teamKeys().forEach((key) => this.dirt.teams.add(key));
    this.notify();
  }

  member(agentId: string): TeamMember | undefined {
    return this.members.get(agentId);
  }

  allMembers(): TeamMember[] {
    return [...this.members.values()];
  }

  agentWork(agentId: string) {
    return this.open.agentWork(agentId);
  }

  agentTally(agentId: string) {
    return this.tally.agents.get(agentId);
  }

  teamWork(key: string) {
    return this.open.teamWork(key, this.clock.now());
  }

  teamTally(key: string) {
    return this.tally.teams.get(key);
  }

  /** Every group/line pair known from memberships, open tickets or today's events. */
  teamKeys(): string[] {
    const keys = new Set([...this.open.teamKeys(), ...this.tally.teams.keys()]);
    for (const member of this.members.values()) member.memberships.forEach((membership) => keys.add(`${membership.groupId}/${membership.level}`));
    return [...keys].filter((key) => !key.startsWith('/'));
  }

  now(): number {
    return this.clock.now();
  }

  private notify(): void {
    this.dirtListeners.forEach((listener) => listener());
  }

  private mark(touched: { agents: string[]; teams: string[] }): void {
    touched.agents.forEach((id) => this.dirt.agents.add(id));
    touched.teams.forEach((key) => this.dirt.teams.add(key));
  }

  private async loadTeam(): Promise<void> {
    this.members = new Map((await teamMembers(this.database.db)).map((member) => [member.id, member]));
  }

  private async reloadDay(): Promise<void> {
    this.pending = [];
    try {
      await this.loadDay();
    } finally {
      const waiting = this.pending;
      this.pending = null;
      waiting.forEach((change) => this.apply(change));
    }
  }

  /** Reads the day into fresh state and swaps it in only when all of it loaded (a failed read keeps retrying). */
  private async loadDay(): Promise<void> {
    const now = this.clock.now();
    const timeZone = (await loadSlaSettings(this.database.db)).calendar.timeZone;
    const dayStart = startOfLocalDay(timeZone, now);
    const dayEnd = localMidnightAfter(timeZone, now, 1);
    const open = new OpenTicketIndex();
    (await openTicketDocs(this.database.db)).forEach((ticket) => open.upsert(ticket));
    const tally = new KpiTally(dayStart);
    const foldedEventIds = new Set<number>();
    for (const { event, ticket } of await kpiEventsBetween(this.database.db, dayStart, dayEnd)) {
      tally.fold(event, ticket);
      if (event.id !== undefined) foldedEventIds.add(event.id);
    }
    this.timeZone = timeZone;
    this.dayEnd = dayEnd;
    this.open = open;
    this.tally = tally;
    this.foldedEventIds = foldedEventIds;
  }
}
