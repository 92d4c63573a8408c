import { DEFAULT_CAPACITY, type Agent } from '../../../core';
import { insertAgent } from '../../store/agents-repository';
import type { Database } from '../../store/database';
import { joinGeneralGroup } from '../../store/groups-repository';

/** A new agent, placed in the General group at their level with the default capacity (one transaction). */
export async function registerAgent(database: Database, agent: Agent, passwordHash: string, now: number): Promise<void> {
  await database.writeTransaction(async (trx) => {
    await insertAgent(trx, agent, passwordHash, now);
    await joinGeneralGroup(trx, agent.id, agent.level, DEFAULT_CAPACITY);
  });
}
