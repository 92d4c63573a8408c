import type { Clock } from '../clock';
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  deleteTwoFactor,
  enableTwoFactor,
  findTwoFactor,
  replaceRecoveryCodes,
  savePendingTwoFactor,
  spendRecoveryCode,
} from '../store/credentials-repository';
import type { Database } from '../store/database';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';
import type { SecretBox } from './secret-box';
import { newTotpSecret, totpUrl, verifyTotp } from './totp';

/** Why a second-factor change was refused; the routes turn these into 409s (and 400 for a wrong code). */
export class TwoFactorError extends Error {
  override readonly name = 'TwoFactorError';
  constructor(
    readonly reason: 'already_enabled' | 'not_pending' | 'not_enabled' | 'wrong_code',
    message: string,
  ) {
    super(message);
  }
}

/** How a second factor was proven. */
export type SecondFactorProof = 'totp' | 'recovery_code';

const contextOf = (agentId: string) => `totp:${agentId}`;

/**
 * The optional TOTP second factor of an agent: enrolment (a pending secret confirmed by a first
 * code), verification (±1 step, each step accepted once), recovery codes (each spent once) and
 * removal. The secret is stored sealed by the SecretBox; `secrets()` throws MissingSecretKeyError
 * when no master key is configured (PostgreSQL without TIERDESK_SECRET_KEY).
 */
export class TwoFactorService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly secrets: () => SecretBox,
  ) {}

  async status(agentId: string): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
    const row = await findTwoFactor(this.database.db, agentId);
    const enabled = Boolean(row?.enabledAt);
    return { enabled, recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(this.database.db, agentId) : 0 };
  }

  async isEnabled(agentId: string): Promise<boolean> {
    return Boolean((await findTwoFactor(this.database.db, agentId))?.enabledAt);
  }

  /** A new secret awaiting its first code (any earlier pending one is replaced). */
  async beginSetup(agent: { id: string; email: string }): Promise<{ secret: string; otpauthUrl: string }> {
    const box = this.secrets();
    const secret = newTotpSecret();
    const saved = await this.database.db.transaction().execute((trx) => savePendingTwoFactor(trx, agent.id, box.seal(secret, contextOf(agent.id)), this.clock.now()));
    if (!saved) throw new TwoFactorError('already_enabled', 'two-factor sign-in is already on: turn it off first to set up another authenticator');
    return { secret, otpauthUrl: totpUrl(secret, agent.email) };
  }

  /** Confirms the pending secret with a code from the app; resolves with the recovery codes (shown once). */
  async enable(agentId: string, code: string): Promise<string[]> {
    const row = await findTwoFactor(this.database.db, agentId);
    if (!row) throw new TwoFactorError('not_pending', 'set up two-factor sign-in first (POST /api/account/2fa/setup)');
    if (row.enabledAt) throw new TwoFactorError('already_enabled', 'two-factor sign-in is already on');
    const step = await verifyTotp(this.secrets().open(row.secretSealed, contextOf(agentId)), code, this.clock.now(), row.lastUsedStep);
    if (step === null) throw new TwoFactorError('wrong_code', 'the code is wrong or has expired: enter the one your app shows now');
    const codes = newRecoveryCodes();
    const enabled = await this.database.db.transaction().execute(async (trx) => {
      if (!(await claimTotpStep(trx, agentId, step)) || !(await enableTwoFactor(trx, agentId, this.clock.now()))) return false;
      await replaceRecoveryCodes(trx, agentId, codes.map((each) => recoveryCodeHash(each) ?? ''), this.clock.now());
      return true;
    });
    if (!enabled) throw new TwoFactorError('already_enabled', 'two-factor sign-in was turned on by another request');
    return codes;
  }

  /**
   * Checks a second factor of an agent who has one enabled: a TOTP code (claimed, so it cannot be
   * used again) or a recovery code (spent). Null when wrong, replayed or spent.
   */
  async prove(agentId: string, proof: { totp?: string; recoveryCode?: string }): Promise<SecondFactorProof | null> {
    const row = await findTwoFactor(this.database.db, agentId);
    if (!row?.enabledAt) return null;
    if (proof.totp !== undefined) {
      const step = await verifyTotp(this.secrets().open(row.secretSealed, contextOf(agentId)), proof.totp, this.clock.now(), row.lastUsedStep);
      return step !== null && (await claimTotpStep(this.database.db, agentId, step)) ? 'totp' : null;
    }
    if (proof.recoveryCode !== undefined) {
      const hash = recoveryCodeHash(proof.recoveryCode);
      return hash && (await spendRecoveryCode(this.database.db, agentId, hash, this.clock.now())) ? 'recovery_code' : null;
    }
    return null;
  }

  /** `code` is a TOTP code or a recovery code, as the agent typed it. */
  proveTyped(agentId: string, code: string): Promise<SecondFactorProof | null> {
    const compact = code.replace(/\s+/g, '');
    return this.prove(agentId, /^\d{6}$/.test(compact) ? { totp: compact } : { recoveryCode: code });
  }

  /** Turns the second factor off (the caller has checked the password); a wrong code changes nothing. */
  async disable(agentId: string, code: string): Promise<SecondFactorProof> {
    if (!(await this.isEnabled(agentId))) throw new TwoFactorError('not_enabled', 'two-factor sign-in is not on');
    const proof = await this.proveTyped(agentId, code);
    if (!proof) throw new TwoFactorError('wrong_code', 'the code is wrong, expired or already used');
    await this.database.db.transaction().execute((trx) => deleteTwoFactor(trx, agentId));
    return proof;
  }

  /** Removes the factor without a code: an admin's reset for an agent who lost it (the caller checks who asks). */
  async remove(agentId: string): Promise<void> {
    await this.database.db.transaction().execute((trx) => deleteTwoFactor(trx, agentId));
  }

  /** New recovery codes for a current TOTP code; the old ones stop working. */
  async regenerateRecoveryCodes(agentId: string, code: string): Promise<string[]> {
    if (!(await this.isEnabled(agentId))) throw new TwoFactorError('not_enabled', 'two-factor sign-in is not on');
    const compact = code.replace(/\s+/g, '');
    if ((await this.prove(agentId, { totp: compact })) !== 'totp') throw new TwoFactorError('wrong_code', 'the code is wrong or has expired: enter the one your app shows now');
    const codes = newRecoveryCodes();
    await this.database.db.transaction().execute((trx) => replaceRecoveryCodes(trx, agentId, codes.map((each) => recoveryCodeHash(each) ?? ''), this.clock.now()));
    return codes;
  }
}
