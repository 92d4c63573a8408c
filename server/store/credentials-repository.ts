import type { Executor } from './database';

/**
 * What proves an agent is who they say: the password hash, the TOTP second factor and the
 * recovery codes. Secrets arrive here already hashed or sealed; nothing here reads them in clear.
 */

export async function passwordHashOf(db: Executor, agentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('agents').select('password_hash').where('id', '=', agentId).executeTakeFirst();
  return row?.password_hash;
}

/** A new password; `meetsPolicy` is the policy's verdict on it (null: not judged, e.g. set by a script). */
export async function setPasswordHash(db: Executor, agentId: string, passwordHash: string, meetsPolicy: boolean | null = null): Promise<boolean> {
  const result = await db
    .updateTable('agents')
    .set({ password_hash: passwordHash, password_meets_policy: meetsPolicy === null ? null : meetsPolicy ? 1 : 0 })
    .where('id', '=', agentId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What the policy said of the agent's current password; null when it was never judged. */
export async function passwordMeetsPolicy(db: Executor, agentId: string): Promise<boolean | null> {
  const row = await db.selectFrom('agents').select('password_meets_policy').where('id', '=', agentId).executeTakeFirst();
  return row?.password_meets_policy === null || row?.password_meets_policy === undefined ? null : row.password_meets_policy === 1;
}

/** Remembers the verdict on the current password, unless the password changed meanwhile (then its own verdict stands). */
export async function recordPasswordVerdict(db: Executor, agentId: string, passwordHash: string, meetsPolicy: boolean): Promise<void> {
  await db.updateTable('agents').set({ password_meets_policy: meetsPolicy ? 1 : 0 }).where('id', '=', agentId).where('password_hash', '=', passwordHash).execute();
}

export type TwoFactorRow = { secretSealed: string; createdAt: number; enabledAt: number | null; lastUsedStep: number | null };

export async function findTwoFactor(db: Executor, agentId: string): Promise<TwoFactorRow | undefined> {
  const row = await db.selectFrom('two_factor').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
  return (
    row && {
      secretSealed: row.secret_sealed,
      createdAt: Number(row.created_at),
      enabledAt: row.enabled_at === null ? null : Number(row.enabled_at),
      lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
    }
  );
}

/** A new pending secret replaces any earlier pending one; refused (false) while a factor is enabled. */
export async function savePendingTwoFactor(db: Executor, agentId: string, secretSealed: string, now: number): Promise<boolean> {
  await db.deleteFrom('two_factor').where('agent_id', '=', agentId).where('enabled_at', 'is', null).execute();
  const existing = await db.selectFrom('two_factor').select('agent_id').where('agent_id', '=', agentId).executeTakeFirst();
  if (existing) return false;
  await db.insertInto('two_factor').values({ agent_id: agentId, secret_sealed: secretSealed, created_at: now, enabled_at: null, last_used_step: null }).execute();
  return true;
}

/** Enables the pending factor; false when there is none (never set up, or already enabled). */
export async function enableTwoFactor(db: Executor, agentId: string, now: number): Promise<boolean> {
  const result = await db.updateTable('two_factor').set({ enabled_at: now }).where('agent_id', '=', agentId).where('enabled_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteTwoFactor(db: Executor, agentId: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
  await db.deleteFrom('two_factor').where('agent_id', '=', agentId).execute();
}

/**
 * Records that a code of time step `step` was accepted, only if no code of this or a later step
 * was: the compare-and-set that makes a replay (even two requests at once) fail.
 */
export async function claimTotpStep(db: Executor, agentId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('two_factor')
    .set({ last_used_step: step })
    .where('agent_id', '=', agentId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces every recovery code of the agent with these (hashes). */
export async function replaceRecoveryCodes(db: Executor, agentId: string, codeHashes: readonly string[], now: number): Promise<void> {
  await db.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('recovery_codes')
    .values(codeHashes.map((codeHash) => ({ agent_id: agentId, code_hash: codeHash, created_at: now, used_at: null })))
    .execute();
}

/** Spends an unused recovery code; false when it is unknown or already spent (also when two requests race for it). */
export async function spendRecoveryCode(db: Executor, agentId: string, codeHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('agent_id', '=', agentId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Executor, agentId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('agent_id', '=', agentId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
