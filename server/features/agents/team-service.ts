import type { Agent, GroupMember, Level, Role } from '../../../core';
import { bumpSyncEpochs, updateAgent } from '../../store/agents-repository';
import { findGroupMembers, insertGroup, replaceGroupMembers } from '../../store/groups-repository';
import type { RoutingService } from '../routing/routing-service';
import type { CommitPath } from '../tickets/commit-path';
import { insertNewAgent } from './register-agent';

export type AgentChanges = { name?: string; role?: Role; level?: Level; active?: boolean };

/**
 * Changes to the team (agents, groups, memberships), each one write through the commit path:
 * whoever sees a different set of tickets afterwards starts a new sync epoch, live KPIs reload
 * the team, and routing hands waiting work to whoever may now take it.
 */
export class TeamService {
  constructor(
    private readonly commits: CommitPath,
    private readonly routing: RoutingService,
  ) {}

  /** A new agent, placed in the General group at their level with the default capacity. */
  registerAgent(agent: Agent, passwordHash: string): Promise<void> {
    return this.commits.commit(async (trx, now) => {
      await insertNewAgent(trx, agent, passwordHash, now);
      return { value: undefined, teamChanged: true };
    });
  }

  /** A changed role changes what the agent may see (a new sync epoch). */
  changeAgent(before: Agent, changes: AgentChanges): Promise<void> {
    const roleChanged = changes.role !== undefined && changes.role !== before.role;
    return this.commits.commit(async (trx) => {
      await updateAgent(trx, before.id, changes);
      if (roleChanged) await bumpSyncEpochs(trx, [before.id]);
      return { value: undefined, viewersChanged: roleChanged ? [before.id] : [], teamChanged: true };
    });
  }

  /**
   * A deactivated agent's unfinished tickets go back to their queues and are routed again at
   * once: they must not wait for someone who will not come back.
   */
  async releaseTicketsOf(agentId: string): Promise<void> {
    await this.routing.releaseTicketsOf(agentId);
  }

  createGroup(group: { id: string; name: string; categories: string[] }): Promise<void> {
    return this.commits.commit(async (trx, now) => {
      await insertGroup(trx, group, now);
      return { value: undefined, teamChanged: true };
    });
  }

  /** Whoever joined or left sees a different set of tickets; new members, lines or capacities may take waiting work at once. */
  async replaceMembers(groupId: string, members: GroupMember[]): Promise<void> {
    await this.commits.commit(async (trx) => {
      const before = new Set((await findGroupMembers(trx, groupId)).map((member) => member.agentId));
      const after = new Set(members.map((member) => member.agentId));
      const joinedOrLeft = [...before, ...after].filter((agentId) => before.has(agentId) !== after.has(agentId));
      await replaceGroupMembers(trx, groupId, members);
      await bumpSyncEpochs(trx, joinedOrLeft);
      return { value: undefined, viewersChanged: joinedOrLeft, teamChanged: true };
    });
    await this.routing.assignWaitingIn([groupId]);
  }
}
