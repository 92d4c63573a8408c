import type { Agent } from '../../core';
import type { Executor } from '../store/database';
import { groupIdsOf } from '../store/groups-repository';
import type { Viewer } from './visibility';

/** The agent with their current groups, read fresh: what every HTTP read and mutation checks against. */
export async function loadViewer(db: Executor, agent: Agent): Promise<Agent & Viewer> {
  return { ...agent, groupIds: await groupIdsOf(db, agent.id) };
}
