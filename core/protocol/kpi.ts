import { z } from 'zod';
import type { Level } from '../domain/common';
import type { Presence } from '../domain/presence';
import type { Channel } from '../domain/ticket';
import { OPEN_STATUSES } from '../workflow/statuses';

/**
 * Supervisor KPIs: the shapes of `GET /api/kpi/live`, `kpi:update` and `GET /api/kpi/history`.
 * Definitions (what counts as a first response, which hours count) are in README.md, "KPIs".
 * Durations are wall-clock milliseconds; "today" starts at midnight in the desk's time zone
 * (the SLA calendar's).
 */

/** The statuses a backlog and an agent's open work are made of (Fixed counts until it closes). */
export const KPI_OPEN_STATUSES = OPEN_STATUSES;
export type KpiOpenStatus = (typeof KPI_OPEN_STATUSES)[number];
export type CountByStatus = Record<KpiOpenStatus, number>;

export type DurationStats = { count: number; medianMs: number | null; meanMs: number | null };

/** A share with what it is made of, so that a reader can tell 0 of 0 from 0 of 40. */
export type Share = { part: number; whole: number; share: number | null };

export type AgentMembership = { groupId: string; level: Level; capacity: number };

/** One agent, live. Today's figures count what happened since midnight. */
export type AgentLiveKpi = {
  agentId: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  presence: Presence;
  /** Weighted open load (urgent 3, high 2, normal 1, low 0.5 over New, In Progress, Waiting, Hold). */
  load: number;
  /** The largest capacity among the memberships shown (the panel's load bar is load against it). */
  capacity: number;
  memberships: AgentMembership[];
  openByStatus: CountByStatus;
  assignedToday: number;
  solvedToday: number;
  firstResponseToday: DurationStats;
  resolutionToday: DurationStats;
  /** Of today's solves, those the customer reopened. */
  reopensToday: Share;
  csatToday: { count: number; average: number | null };
  /** Of today's solves, those with a recorded SLA breach. */
  slaBreachesToday: Share;
};

/** One hour of today, for one group at one line (additive: sum them for any filter). */
export type HourBucket = {
  hourStart: number;
  incomingByChannel: Partial<Record<Channel, number>>;
  solved: number;
  /** Solved by customers themselves with an offered article (not in `solved`). */
  selfSolved: number;
  firstResponses: number;
  firstResponseTotalMs: number;
};

export type PredictedBreach = { ticketId: string; number: number; dueAt: number; clock: 'first_response' | 'resolution' };

/** One group at one line, live. */
export type TeamLiveKpi = {
  groupId: string;
  level: Level;
  backlogByStatus: CountByStatus;
  unassigned: number;
  /** Creation time of the oldest ticket waiting unassigned (its age is now minus this). */
  oldestUnassignedSince: number | null;
  /** Open tickets whose running SLA clock falls due within the next 60 minutes, soonest first. */
  predictedBreaches: PredictedBreach[];
  hours: HourBucket[];
};

/** Everything in the viewer's scope together (the sums of `teams`, plus today's response times). */
export type TeamTotals = {
  backlogByStatus: CountByStatus;
  unassigned: number;
  oldestUnassignedSince: number | null;
  predictedBreaches: number;
  incomingToday: number;
  solvedToday: number;
  /** Solved by customers themselves with an offered article today (not in `solvedToday`). */
  selfSolvedToday: number;
  /** Of today's resolutions (agents' and customers' own), the customers' own. */
  deflectionToday: Share;
  firstResponseToday: DurationStats;
  resolutionToday: DurationStats;
};

export type KpiLiveSnapshot = {
  /** When it was computed (server clock). */
  at: number;
  dayStart: number;
  timeZone: string;
  agents: AgentLiveKpi[];
  /** Per group and line, for filters; only groups in the viewer's scope. */
  teams: TeamLiveKpi[];
  team: TeamTotals;
};

/**
 * `kpi:update`: either a whole snapshot (after subscribing, at midnight, when the viewer's scope
 * changed) or a delta: the agents and teams that changed (replace them by id / group+line), the
 * agents that left the scope, and the new totals. `oldestChangeAt` is the commit time of the
 * earliest change folded into this update: now minus it is how stale the update is.
 */
export type KpiUpdate =
  | { kind: 'snapshot'; snapshot: KpiLiveSnapshot; oldestChangeAt: number | null }
  | { kind: 'delta'; at: number; agents: AgentLiveKpi[]; removedAgentIds: string[]; teams: TeamLiveKpi[]; team: TeamTotals; oldestChangeAt: number | null };

/** One agent over a period. */
export type AgentPeriodKpi = {
  agentId: string;
  name: string;
  assigned: number;
  solved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
  reopens: Share;
  csat: { count: number; average: number | null };
  slaBreaches: Share;
};

export type PeriodTotals = {
  incoming: number;
  incomingByChannel: Partial<Record<Channel, number>>;
  solved: number;
  /** Solved by customers themselves with an offered article (not in `solved`). */
  selfSolved: number;
  /** Of the period's resolutions (agents' and customers' own), the customers' own. */
  deflection: Share;
  firstResponse: DurationStats;
  resolution: DurationStats;
  reopens: Share;
  csat: { count: number; average: number | null };
  slaBreaches: Share;
  /** Per local day of the period. */
  days: { dayStart: number; incoming: number; solved: number }[];
};

export type KpiHistory = { from: number; to: number; timeZone: string; agents: AgentPeriodKpi[]; team: PeriodTotals };

/** Query strings carry numbers as text: only plain digits count ("" or "1e5" or "0x10" is not a time). */
const digits = (what: string) => z.string().regex(/^\d{1,15}$/, `${what} must be epoch milliseconds (digits)`).transform(Number);

/** `GET /api/kpi/history` query: epoch milliseconds, `to` after `from`, at most 366 days; optional group and line. */
export const KpiHistoryQuerySchema = z
  .object({
    from: digits('from'),
    to: digits('to'),
    groupId: z.string().uuid().optional(),
    level: z.enum(['1', '2', '3']).transform(Number).optional(),
  })
  .strict()
  .refine((query) => query.to > query.from, 'to must be after from')
  .refine((query) => query.to - query.from <= 366 * 86_400_000, 'a period is at most 366 days');
export type KpiHistoryQuery = z.infer<typeof KpiHistoryQuerySchema>;

/** A customer's rating of the answer (CSAT), 1 (bad) to 5 (great). */
export const RatingSchema = z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2_000).optional() }).strict();
