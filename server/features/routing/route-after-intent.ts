import { isRoutable, LOAD_STATUSES, LOAD_WEIGHTS, type Agent, type Mutation, type Ticket } from '../../../core';
import type { Executor } from '../../store/database';
import { groupIdsOf } from '../../store/groups-repository';
import { combineOutcomes, NOTHING_ROUTED, type RoutingOutcome, type Router } from './router';

/**
 * After an agent's intent, in the same transaction: a ticket the intent put back in a queue
 * (escalated, moved to another group or line, given back) is routed again, and whoever the
 * intent relieved (a ticket left their load, or weighs less now) gets waiting work of their
 * groups. A ticket given back is routed to someone other than the giver (or waits).
 */
export async function routeAfterIntent(trx: Executor, router: Router, before: Ticket, after: Ticket, actor: Agent, mutation: Mutation, now: number): Promise<RoutingOutcome> {
  const outcomes: RoutingOutcome[] = [];
  const requeued = isRoutable(after) && (before.assigneeId !== null || before.level !== after.level || before.groupId !== after.groupId);
  if (requeued) {
    const gaveBack = mutation.type === 'assign' && before.assigneeId === actor.id;
    outcomes.push(await router.route(trx, after, now, { excludeAgentId: gaveBack ? actor.id : null }));
  }
  const relieved = before.assigneeId !== null && lightened(before, after);
  // Giving a ticket back frees the giver, but handing them the backlog at that very moment would
  // likely return the same ticket: their capacity is used on their next change instead.
  if (relieved && before.assigneeId !== null && !(mutation.type === 'assign' && before.assigneeId === actor.id)) {
    outcomes.push(await router.assignWaiting(trx, await groupIdsOf(trx, before.assigneeId), now));
  }
  return outcomes.length ? combineOutcomes(outcomes) : NOTHING_ROUTED;
}

/** Whether the change took weight off the previous assignee's load. */
function lightened(before: Ticket, after: Ticket): boolean {
  const counted = (ticket: Ticket) => ticket.assigneeId === before.assigneeId && LOAD_STATUSES.includes(ticket.status);
  if (!counted(before)) return false;
  if (!counted(after)) return true;
  return LOAD_WEIGHTS[after.priority] < LOAD_WEIGHTS[before.priority];
}
