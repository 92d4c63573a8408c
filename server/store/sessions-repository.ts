import type { Agent } from '../../core';
import { toAgent } from './agents-repository';
import type { Executor } from './database';

/** `full` sessions may do what their agent may; `second_factor_setup` ones only enrol a second factor. */
export type SessionScope = 'full' | 'second_factor_setup';

export async function insertSession(
  db: Executor,
  session: { tokenHash: string; agentId: string; createdAt: number; expiresAt: number; address?: string | null; userAgent?: string | null; scope?: SessionScope },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      agent_id: session.agentId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      revoked_at: null,
      last_active_at: session.createdAt,
      address: session.address?.slice(0, 64) ?? null,
      user_agent: session.userAgent?.slice(0, 200) ?? null,
      scope: session.scope ?? 'full',
    })
    .execute();
}

/**
 * The agent behind a session that is neither expired nor revoked, and still active, with the
 * session's scope and whether the agent has a second factor enabled (TIERDESK_REQUIRE_2FA refuses
 * admins without one).
 */
export async function findSessionAgent(
  db: Executor,
  tokenHash: string,
  now: number,
): Promise<{ agent: Agent; expiresAt: number; lastActiveAt: number; scope: SessionScope; twoFactorEnabled: boolean } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('agents', 'agents.id', 'sessions.agent_id')
    .leftJoin('two_factor', 'two_factor.agent_id', 'sessions.agent_id')
    .select(['agents.id', 'agents.email', 'agents.name', 'agents.role', 'agents.level', 'agents.active', 'sessions.expires_at', 'sessions.created_at', 'sessions.last_active_at', 'sessions.scope', 'two_factor.enabled_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('agents.active', '=', 1)
    .executeTakeFirst();
  return (
    row && {
      agent: toAgent(row),
      expiresAt: Number(row.expires_at),
      lastActiveAt: Number(row.last_active_at ?? row.created_at),
      scope: row.scope === 'full' ? 'full' : 'second_factor_setup',
      twoFactorEnabled: row.enabled_at !== null,
    }
  );
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
  return revokeSessionsOf(db, agentId, null, now);
}

/** Revokes every live session of an agent but `keepTokenHash` (the one asking); returns the ids revoked. */
export async function revokeOtherSessions(db: Executor, agentId: string, keepTokenHash: string, now: number): Promise<string[]> {
  return revokeSessionsOf(db, agentId, keepTokenHash, now);
}

async function revokeSessionsOf(db: Executor, agentId: string, keepTokenHash: string | null, now: number): Promise<string[]> {
  let live = db.selectFrom('sessions').select('token_hash').where('agent_id', '=', agentId).where('revoked_at', 'is', null);
  if (keepTokenHash !== null) live = live.where('token_hash', '<>', keepTokenHash);
  const ids = (await live.execute()).map((row) => row.token_hash);
  if (ids.length === 0) return [];
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', 'in', ids).where('revoked_at', 'is', null).execute();
  return ids;
}

export type SessionRow = { tokenHash: string; createdAt: number; lastActiveAt: number | null; address: string | null; userAgent: string | null; scope: SessionScope };

/** An agent's sessions that are neither expired nor revoked, newest first (at most 100: older ones are not worth listing). */
export async function listLiveSessions(db: Executor, agentId: string, now: number): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['token_hash', 'created_at', 'last_active_at', 'address', 'user_agent', 'scope'])
    .where('agent_id', '=', agentId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    tokenHash: row.token_hash,
    createdAt: Number(row.created_at),
    lastActiveAt: row.last_active_at === null ? null : Number(row.last_active_at),
    address: row.address,
    userAgent: row.user_agent,
    scope: row.scope === 'full' ? 'full' : 'second_factor_setup',
  }));
}

/** A restricted session becomes a full one (its admin has just enrolled a second factor). */
export async function widenSessionScope(db: Executor, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ scope: 'full' }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}
