import { DEFAULT_CAPACITY, type Agent } from '../../../core';
import { insertAgent } from '../../store/agents-repository';
import type { Database, Executor } from '../../store/database';
import { joinGeneralGroup } from '../../store/groups-repository';

/** The rows of a new agent: the agent, in the General group at their level with the default capacity. */
export async function insertNewAgent(trx: Executor, agent: Agent, passwordHash: string, now: number): Promise<void> {
  await insertAgent(trx, agent, passwordHash, now);
  await joinGeneralGroup(trx, agent.id, agent.level, DEFAULT_CAPACITY);
}

/**
 * A new agent written before the server serves anyone (the first admin, the demo desk): nothing
 * to announce yet. A running server registers agents through TeamService, on the commit path.
 */
export async function registerAgent(database: Database, agent: Agent, passwordHash: string, now: number): Promise<void> {
  await database.writeTransaction((trx) => insertNewAgent(trx, agent, passwordHash, now));
}
