import type { Agent } from '../../core';
import { toAgent } from './agents-repository';
import type { Executor } from './database';

export async function insertSession(
  db: Executor,
  session: { tokenHash: string; agentId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      agent_id: session.agentId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      revoked_at: null,
    })
    .execute();
}

/** The agent behind a session that is neither expired nor revoked, and still active. */
export async function findSessionAgent(
  db: Executor,
  tokenHash: string,
  now: number,
): Promise<{ agent: Agent; expiresAt: number; lastActiveAt: number } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .select(['agents.id', 'agents.email', 'agents.name', 'agents.role', 'agents.level', 'agents.active', 'sessions.expires_at', 'sessions.created_at', 'sessions.last_active_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('agents.active', '=', 1)
    .executeTakeFirst();
  return row && { agent: toAgent(row), expiresAt: Number(row.expires_at), lastActiveAt: Number(row.last_active_at ?? row.created_at) };
}

/** When the session was last used, as far as the database knows (null: unknown or ended). */
export async function sessionLastActiveAt(db: Executor, tokenHash: string): Promise<number | null> {
  const row = await db.selectFrom('sessions').select(['created_at', 'last_active_at']).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return row ? Number(row.last_active_at ?? row.created_at) : null;
}

export async function recordSessionActivity(db: Executor, tokenHash: string, at: number): Promise<void> {
  await db.updateTable('sessions').set({ last_active_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(db: Executor, tokenHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live session of an agent; returns their ids so live sockets can be cut too. */
export async function revokeAgentSessions(db: Executor, agentId: string, now: number): Promise<string[]> {
  const live = await db.selectFrom('sessions').select('token_hash').where('agent_id', '=', agentId).where('revoked_at', 'is', null).execute();
  if (live.length === 0) return [];
  await db.updateTable('sessions').set({ revoked_at: now }).where('agent_id', '=', agentId).where('revoked_at', 'is', null).execute();
  return live.map((row) => row.token_hash);
}
