import { applyUnassign } from '../../../core';
import type { Logger } from '../../logger';
import type { Executor } from '../../store/database';
import { groupIdsOf } from '../../store/groups-repository';
import { unfinishedTicketsOf } from '../../store/routing-repository';
import type { CommitPath } from '../tickets/commit-path';
import { persistApplied } from '../tickets/persist-change';
import { combineOutcomes, type RoutingOutcome, type Router } from './router';

/**
 * Routing triggered by something other than a ticket change: an agent came online, a group's
 * members or capacities changed, an agent was deactivated. Each run is its own write
 * write through the commit path; the result is announced and pushed like any other change.
 */
export class RoutingService {
  constructor(
    private readonly commits: CommitPath,
    private readonly router: Router,
    private readonly logger: Logger,
  ) {}

  /** Waiting work of the agent's groups goes to whoever is available now (them, typically). */
  assignWaitingFor(agentId: string): Promise<RoutingOutcome> {
    return this.run('agent became available', async (trx, now) => this.router.assignWaiting(trx, await groupIdsOf(trx, agentId), now));
  }

  assignWaitingIn(groupIds: readonly string[] | null): Promise<RoutingOutcome> {
    return this.run('groups changed', (trx, now) => this.router.assignWaiting(trx, groupIds, now));
  }

  /**
   * A deactivated agent's unfinished tickets go back to their queues and are routed again at once
   * (Fixed ones wait unassigned: routing picks them up if the customer reopens them).
   */
  releaseTicketsOf(agentId: string): Promise<RoutingOutcome> {
    return this.run('agent deactivated', async (trx, now) => {
      const outcomes: RoutingOutcome[] = [];
      for (const ticket of await unfinishedTicketsOf(trx, agentId)) {
        const change = await persistApplied(trx, ticket, applyUnassign(ticket, 'the assignee was deactivated', now), { type: 'system', id: null }, now);
        const released = change.tickets[0]?.doc ?? ticket;
        outcomes.push({ change, assigned: [] }, await this.router.route(trx, released, now, { excludeAgentId: agentId }));
      }
      return combineOutcomes(outcomes);
    });
  }

  private async run(why: string, work: (trx: Executor, now: number) => Promise<RoutingOutcome>): Promise<RoutingOutcome> {
    const outcome = await this.commits.commit(async (trx, now) => {
      const routed = await work(trx, now);
      return { value: routed, change: routed.change, assigned: routed.assigned };
    });
    if (outcome.assigned.length > 0) this.logger.debug({ why, assigned: outcome.assigned.length }, 'routing pass assigned waiting tickets');
    return outcome;
  }
}
