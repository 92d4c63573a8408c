import type { Level } from '../domain/common';
import type { Presence } from '../domain/presence';
import { PRIORITIES, type Priority, type Ticket, type TicketStatus } from '../domain/ticket';

/**
 * How much one open ticket weighs in an agent's load, in "normal tickets": an urgent ticket
 * takes the attention of three normal ones, a low one half. Capacity is counted in the same unit.
 */
export const LOAD_WEIGHTS: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0.5 };

/**
 * Tickets that occupy their assignee: everything open except Fixed (answered, only waiting to
 * close). Waiting and Hold count: the agent still owns the follow-up.
 */
export const LOAD_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'waiting_for_customer', 'hold'];

/** An unassigned ticket in one of these statuses waits for routing. */
export const ROUTABLE_STATUSES: readonly TicketStatus[] = LOAD_STATUSES;

export const isRoutable = (ticket: Pick<Ticket, 'assigneeId' | 'status'>): boolean =>
  ticket.assigneeId === null && ROUTABLE_STATUSES.includes(ticket.status);

/** A member of the ticket's group at the ticket's line, as routing sees them at the moment of decision. */
export type RoutingCandidate = {
  agentId: string;
  presence: Presence;
  /** The capacity of their membership in this group. */
  capacity: number;
  /** Weighted open tickets across all their groups. */
  load: number;
  /**
   * When routing last gave them a ticket, as any ever-increasing stamp (the server uses feed
   * positions; null: never): the round-robin order among equal loads.
   */
  lastAssignedAt: number | null;
};

export type CandidateVerdict = RoutingCandidate & {
  verdict: 'chosen' | 'eligible' | 'offline' | 'away' | 'at_capacity' | 'excluded';
};

/** What routing decided and why: recorded as an audit event, word for word. */
export type RoutingDecision = {
  assigneeId: string | null;
  reason: string;
  considered: CandidateVerdict[];
};

/**
 * Picks the online candidate with the lowest load under capacity; among equal loads the one who
 * waited longest since their last automatic assignment (round robin), then the smaller id so
 * that the choice is deterministic. `excludeAgentId` is someone who just gave the ticket back.
 * Pure: the same candidates always give the same decision.
 */
export function chooseAssignee(candidates: readonly RoutingCandidate[], excludeAgentId: string | null = null): RoutingDecision {
  const judged: CandidateVerdict[] = candidates.map((candidate) => ({ ...candidate, verdict: verdictOf(candidate, excludeAgentId) }));
  const eligible = judged.filter((candidate) => candidate.verdict === 'eligible').sort(byLoadThenTurn);
  const chosen = eligible[0];
  if (!chosen) {
    return { assigneeId: null, reason: nobodyReason(judged), considered: judged.sort(byAgentId) };
  }
  chosen.verdict = 'chosen';
  const tied = eligible.filter((candidate) => candidate.load === chosen.load).length;
  const turn = tied > 1 ? `; ${tied} tied at that load, round robin gave it to the one who waited longest` : '';
  return {
    assigneeId: chosen.agentId,
    reason: `lowest load ${chosen.load} of capacity ${chosen.capacity} among ${eligible.length} available${turn}`,
    considered: judged.sort(byAgentId),
  };
}

/** An audit record names every candidate up to this many; a larger group is summarised. */
export const AUDITED_CANDIDATES_MAX = 20;

/**
 * The decision as the audit log keeps it: the reason, how many candidates had each verdict, and
 * the candidates themselves — all of them in a small group; in a large one the chosen agent, the
 * closest runners-up (eligible, by load and turn) and a sample of the rest, so that a group of
 * thousands does not write a record of hundreds of kilobytes per ticket.
 */
export function auditedDecision(decision: RoutingDecision): { reason: string; candidateCount: number; verdictCounts: Partial<Record<CandidateVerdict['verdict'], number>>; considered: CandidateVerdict[] } {
  const verdictCounts: Partial<Record<CandidateVerdict['verdict'], number>> = {};
  for (const candidate of decision.considered) verdictCounts[candidate.verdict] = (verdictCounts[candidate.verdict] ?? 0) + 1;
  const all = decision.considered;
  if (all.length <= AUDITED_CANDIDATES_MAX) return { reason: decision.reason, candidateCount: all.length, verdictCounts, considered: all };
  const contenders = all.filter((candidate) => candidate.verdict === 'chosen' || candidate.verdict === 'eligible').sort(byLoadThenTurn);
  const others = all.filter((candidate) => candidate.verdict !== 'chosen' && candidate.verdict !== 'eligible');
  const considered = [...contenders.slice(0, AUDITED_CANDIDATES_MAX / 2), ...others].slice(0, AUDITED_CANDIDATES_MAX);
  return { reason: decision.reason, candidateCount: all.length, verdictCounts, considered };
}

function verdictOf(candidate: RoutingCandidate, excludeAgentId: string | null): CandidateVerdict['verdict'] {
  if (candidate.agentId === excludeAgentId) return 'excluded';
  if (candidate.presence === 'offline') return 'offline';
  if (candidate.presence === 'away') return 'away';
  if (candidate.load >= candidate.capacity) return 'at_capacity';
  return 'eligible';
}

function nobodyReason(judged: readonly CandidateVerdict[]): string {
  if (judged.length === 0) return 'nobody works this group at this line';
  const counts = new Map<string, number>();
  for (const candidate of judged) counts.set(candidate.verdict, (counts.get(candidate.verdict) ?? 0) + 1);
  const parts = [...counts].map(([verdict, count]) => `${count} ${verdict.replace('_', ' ')}`);
  return `nobody available (${parts.join(', ')}): the ticket waits in the queue`;
}

/** Never routed to sorts before any time (-1 rather than -Infinity: -Infinity minus itself is NaN). */
const byLoadThenTurn = (a: RoutingCandidate, b: RoutingCandidate): number =>
  a.load - b.load || (a.lastAssignedAt ?? -1) - (b.lastAssignedAt ?? -1) || byCodeUnits(a.agentId, b.agentId);

const byAgentId = (a: RoutingCandidate, b: RoutingCandidate): number => byCodeUnits(a.agentId, b.agentId);

/**
 * Ids order by their characters, not by a locale's collation: the same everywhere, and cheap. A
 * decision in a group of thousands sorts all of them (localeCompare was most of its cost).
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Waiting tickets are served most urgent first, then oldest first (by number, which follows registration). */
export const compareWaiting = (a: Pick<Ticket, 'priority' | 'number'>, b: Pick<Ticket, 'priority' | 'number'>): number =>
  PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || a.number - b.number;

export type RoutableGroup = { id: string; name: string; categories: readonly string[] };

/**
 * The group a new ticket belongs to: the first group (by name) with a category matching the
 * ticket's type or one of its tags, compared case-insensitively; otherwise the fallback group
 * ("General", which takes uncategorised tickets). Null only when there is no fallback either.
 */
export function chooseGroup(
  groups: readonly RoutableGroup[],
  ticket: Pick<Ticket, 'type' | 'tags'>,
  fallbackGroupId: string | null,
): string | null {
  const wanted = new Set([ticket.type, ...ticket.tags].map((category) => category.toLowerCase()));
  const matching = [...groups]
    .sort((a, b) => a.name.localeCompare(b.name))
    .find((group) => group.id !== fallbackGroupId && group.categories.some((category) => wanted.has(category.toLowerCase())));
  return matching?.id ?? fallbackGroupId;
}

/** New tickets start at L1 unless a rule says otherwise (no such rule yet: the line is a routing input). */
export const INITIAL_LEVEL: Level = 1;
