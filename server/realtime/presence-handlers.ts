import { z } from 'zod';
import { PresenceReportSchema, type AgentPresence, type Presence } from '../../core';
import type { Database } from '../store/database';
import { listAgents } from '../store/agents-repository';
import { answerRequests, type RequestContext } from './socket-requests';
import type { DeskSocket } from './socket-types';
import type { PresenceTracker } from '../features/presence/presence-tracker';

const EmptyRequestSchema = z.object({}).strict();

/**
 * A console is online from the moment it connects (or away, if its handshake says so) and
 * offline when its socket closes; in between it reports idle time and the agent's own choice.
 */
export function registerPresenceHandlers(
  socket: DeskSocket,
  deps: { tracker: PresenceTracker; database: Database; requests: RequestContext; initial: 'online' | 'away' },
): void {
  const { tracker, database, requests } = deps;
  const agentId = socket.data.viewer.id;
  tracker.setConsole(agentId, socket.id, deps.initial);
  socket.on('disconnect', () => tracker.removeConsole(agentId, socket.id));

  answerRequests<typeof PresenceReportSchema, { presence: Presence }>(socket, 'presence:set', PresenceReportSchema, requests, (report) => {
    tracker.setConsole(agentId, socket.id, report.state);
    return { ok: true, presence: tracker.presenceOf(agentId) };
  });

  answerRequests<typeof EmptyRequestSchema, { agents: AgentPresence[] }>(socket, 'presence:list', EmptyRequestSchema, requests, async () => {
    const viewer = socket.data.viewer;
    if (viewer.role === 'agent') return { ok: false, error: 'forbidden: only supervisors and admins see the team’s presence' };
    const agents = (await listAgents(database.db)).filter((agent) => agent.active);
    // A supervisor watches the agents of the groups they supervise; an admin watches everyone.
    const watched = viewer.role === 'admin' ? null : new Set(await membersOfGroups(database, viewer.groupIds));
    return {
      ok: true,
      agents: agents.filter((agent) => watched === null || watched.has(agent.id)).map((agent) => ({ agentId: agent.id, presence: tracker.presenceOf(agent.id) })),
    };
  });
}

async function membersOfGroups(database: Database, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await database.db.selectFrom('group_members').select('agent_id').where('group_id', 'in', [...groupIds]).execute();
  return rows.map((row) => row.agent_id);
}

