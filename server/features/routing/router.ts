import {
  applyAutoAssign,
  auditedDecision,
  chooseAssignee,
  isRoutable,
  LOAD_WEIGHTS,
  type Level,
  type Presence,
  type RoutingCandidate,
  type Ticket,
} from '../../../core';
import { recordAuditEvent } from '../../store/audit-repository';
import type { Executor } from '../../store/database';
import { markRouted, openLoads, routableMembers, waitingPools, waitingTickets, type RoutableMember } from '../../store/routing-repository';
import { mergeChanges, NO_CHANGES, type CommittedChange } from '../../sync/change-feed';
import { persistApplied } from '../tickets/persist-change';

/** What a routing pass wrote, and the tickets it gave to agents (to push after commit). */
export type RoutingOutcome = { change: CommittedChange; assigned: Ticket[] };
export const NOTHING_ROUTED: RoutingOutcome = { change: NO_CHANGES, assigned: [] };

export const combineOutcomes = (outcomes: RoutingOutcome[]): RoutingOutcome => ({
  change: mergeChanges(outcomes.map((outcome) => outcome.change)),
  assigned: outcomes.flatMap((outcome) => outcome.assigned),
});

export type PresenceLookup = { presenceOf(agentId: string): Presence };

/**
 * At most this many waiting tickets of one queue are read at a time; a queue whose agents can take
 * more is read again, so no backlog size stops it (capacity ends every pass).
 */
const WAITING_BATCH = 200;

/**
 * Auto-assignment (core/workflow/routing.ts decides; this reads the facts and writes the result).
 * Always called inside a write transaction: write transactions never overlap (one process or
 * many), so the loads read here are exact and a ticket is assigned once however many events race
 * for it. Presence is read from the tracker at the moment of decision.
 */
export class Router {
  constructor(private readonly presence: PresenceLookup) {}

  /**
   * Routes one ticket that entered a queue (registered, escalated, given back, moved). When
   * nobody is available it waits, and the decision is recorded as `routing.waiting`.
   */
  async route(trx: Executor, ticket: Ticket, now: number, options: { excludeAgentId?: string | null } = {}): Promise<RoutingOutcome> {
    if (!isRoutable(ticket) || ticket.groupId === null) return NOTHING_ROUTED;
    const run = new RoutingRun(trx, this.presence, now);
    const decision = await run.decide(ticket, options.excludeAgentId ?? null);
    if (decision.assigneeId === null) {
      await recordAuditEvent(trx, {
        ticketId: ticket.id,
        actorType: 'system',
        actorId: null,
        type: 'routing.waiting',
        data: { groupId: ticket.groupId, level: ticket.level, ...auditedDecision(decision) },
        createdAt: now,
      });
      return NOTHING_ROUTED;
    }
    return run.assign(ticket, { ...decision, assigneeId: decision.assigneeId });
  }

  /**
   * Hands waiting tickets of these groups (every group when null) to whoever is available now:
   * queue by queue (group and line), most urgent first, then oldest, until the queue is empty or
   * nobody in it can take more. Run when someone comes online or frees capacity.
   */
  async assignWaiting(trx: Executor, groupIds: readonly string[] | null, now: number): Promise<RoutingOutcome> {
    const run = new RoutingRun(trx, this.presence, now);
    const outcomes: RoutingOutcome[] = [];
    for (const pool of await waitingPools(trx, groupIds)) {
      let exhausted = false;
      while (!exhausted) {
        const batch = await waitingTickets(trx, pool, WAITING_BATCH);
        for (const ticket of batch) {
          const decision = await run.decide(ticket, null);
          if (decision.assigneeId === null) {
            exhausted = true;
            break;
          }
          outcomes.push(await run.assign(ticket, { ...decision, assigneeId: decision.assigneeId }));
        }
        if (batch.length < WAITING_BATCH) exhausted = true;
      }
    }
    return combineOutcomes(outcomes);
  }
}

const poolKey = (groupId: string, level: Level) => `${groupId}/${level}`;

/** One pass's view of members and loads, kept current as the pass assigns tickets. */
class RoutingRun {
  private readonly members = new Map<string, RoutableMember[]>();
  private readonly loads = new Map<string, number>();
  private readonly lastRouted = new Map<string, number | null>();

  constructor(
    private readonly trx: Executor,
    private readonly presence: PresenceLookup,
    private readonly now: number,
  ) {}

  async decide(ticket: Ticket, excludeAgentId: string | null) {
    const members = await this.membersOf(ticket.groupId ?? '', ticket.level);
    const unknown = members.map((member) => member.agentId).filter((agentId) => !this.loads.has(agentId));
    for (const [agentId, load] of await openLoads(this.trx, unknown)) this.loads.set(agentId, load);
    const candidates: RoutingCandidate[] = members.map((member) => ({
      agentId: member.agentId,
      presence: this.presence.presenceOf(member.agentId),
      capacity: member.capacity,
      load: this.loads.get(member.agentId) ?? 0,
      lastAssignedAt: this.lastRouted.has(member.agentId) ? (this.lastRouted.get(member.agentId) ?? null) : member.lastRoutedSeq,
    }));
    return chooseAssignee(candidates, excludeAgentId);
  }

  async assign(ticket: Ticket, decision: Parameters<typeof applyAutoAssign>[1]): Promise<RoutingOutcome> {
    const applied = applyAutoAssign(ticket, decision, this.now);
    const change = await persistApplied(this.trx, ticket, applied, { type: 'system', id: null }, this.now);
    const turn = change.tickets[0]?.seq ?? 0;
    await markRouted(this.trx, decision.assigneeId, turn);
    this.loads.set(decision.assigneeId, (this.loads.get(decision.assigneeId) ?? 0) + LOAD_WEIGHTS[ticket.priority]);
    this.lastRouted.set(decision.assigneeId, turn);
    return { change, assigned: change.tickets.map((row) => row.doc) };
  }

  private async membersOf(groupId: string, level: Level): Promise<RoutableMember[]> {
    const key = poolKey(groupId, level);
    const cached = this.members.get(key);
    if (cached) return cached;
    const members = await routableMembers(this.trx, groupId, level);
    this.members.set(key, members);
    return members;
  }
}
