import type { Agent, Level, Role } from '../../core';
import type { Executor } from './database';
import type { DatabaseSchema } from './schema';

type AgentRow = DatabaseSchema['agents'];

export const toAgent = (row: Pick<AgentRow, 'id' | 'email' | 'name' | 'role' | 'level' | 'active'>): Agent => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  level: row.level as Level,
  active: Boolean(row.active),
});

export async function findAgentByEmail(db: Executor, email: string): Promise<(Agent & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row && { ...toAgent(row), passwordHash: row.password_hash };
}

export async function findAgentById(db: Executor, id: string): Promise<Agent | undefined> {
  const row = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAgent(row);
}

export async function listAgents(db: Executor): Promise<Agent[]> {
  const rows = await db.selectFrom('agents').selectAll().orderBy('name').execute();
  return rows.map(toAgent);
}

export async function countAgents(db: Executor): Promise<number> {
  const row = await db.selectFrom('agents').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function insertAgent(db: Executor, agent: Agent, passwordHash: string, now: number): Promise<void> {
  await db
    .insertInto('agents')
    .values({
      id: agent.id,
      email: agent.email,
      name: agent.name,
      role: agent.role,
      level: agent.level,
      active: agent.active ? 1 : 0,
      password_hash: passwordHash,
      created_at: now,
      last_routed_seq: null,
    })
    .execute();
}

export async function updateAgent(db: Executor, id: string, changes: Partial<Pick<Agent, 'name' | 'role' | 'level' | 'active'>>): Promise<boolean> {
  const { active, ...rest } = changes;
  const result = await db
    .updateTable('agents')
    .set({ ...rest, ...(active === undefined ? {} : { active: active ? 1 : 0 }) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The agent's sync epoch: changes when what they may see changes wholesale (groups, role). */
export async function syncEpochOf(db: Executor, agentId: string): Promise<number> {
  const row = await db.selectFrom('agents').select('sync_epoch').where('id', '=', agentId).executeTakeFirst();
  return Number(row?.sync_epoch ?? 0);
}

export async function bumpSyncEpochs(db: Executor, agentIds: readonly string[]): Promise<void> {
  if (agentIds.length === 0) return;
  await db
    .updateTable('agents')
    .set((eb) => ({ sync_epoch: eb('sync_epoch', '+', 1) }))
    .where('id', 'in', [...agentIds])
    .execute();
}

export async function signatureOf(db: Executor, agentId: string): Promise<string | null> {
  return (await db.selectFrom('agents').select('signature').where('id', '=', agentId).executeTakeFirst())?.signature ?? null;
}

export async function setSignature(db: Executor, agentId: string, signature: string | null): Promise<void> {
  await db.updateTable('agents').set({ signature }).where('id', '=', agentId).execute();
}
