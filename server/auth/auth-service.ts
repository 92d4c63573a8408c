import { EventEmitter } from 'node:events';
import type { Agent, SessionEndReason } from '../../core';
import type { Clock } from '../clock';
import { findAgentByEmail } from '../store/agents-repository';
import type { Database } from '../store/database';
import {
  findSessionAgent,
  insertSession,
  listLiveSessions,
  revokeAgentSessions,
  revokeOtherSessions,
  revokeSession,
  widenSessionScope,
  type SessionRow,
  type SessionScope,
} from '../store/sessions-repository';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { SessionActivity } from './session-activity';
import { hashSecret, newSecret } from './tokens';

export type AuthenticatedSession = { agent: Agent; sessionId: string; expiresAt: number; lastActiveAt: number; scope: SessionScope };

/** Where a session was opened from, for the agent's list of their sessions. */
export type SessionOrigin = { address: string | null; userAgent: string | null };

export type AuthOptions = {
  /** TIERDESK_REQUIRE_2FA: an admin's session counts only once the admin has a second factor. */
  require2fa?: boolean;
  /** TIERDESK_SESSION_IDLE_MINUTES: a session unused this long ends (null: never). */
  idleMs?: number | null;
};

/**
 * Sessions are opaque random tokens, stored hashed, with an expiry and revocation. `sessionId`
 * (the token's hash) identifies a session in logs and socket bookkeeping without exposing it.
 * A session's scope is `full`, or `second_factor_setup` (an admin who must enrol a second factor
 * first): `authenticate` refuses the latter, so every existing caller (HTTP routes, the socket
 * handshake) refuses it without knowing scopes; only the enrolment routes use
 * `authenticateForEnrolment`.
 */
export class AuthService {
  /** Emits 'revoked' (sessionId, reason: SessionEndReason) so live sockets of that session are cut at once. */
  readonly events = new EventEmitter();
  /** Last use per session, for the idle timeout (off when no idle timeout is set). */
  readonly activity: SessionActivity;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly sessionTtlMs: number,
    private readonly options: AuthOptions = {},
  ) {
    this.activity = new SessionActivity(database, clock, options.idleMs ?? null);
  }

  get requiresSecondFactorForAdmins(): boolean {
    return this.options.require2fa === true;
  }

  /**
   * The active agent with this email and password, or null for an unknown email, a wrong
   * password or a deactivated agent (the caller says 401 to all three). An unknown email costs
   * the same argon2 check as a known one, so timing does not tell which emails have accounts.
   */
  async checkPassword(email: string, password: string): Promise<Agent | null> {
    return (await this.checkCredentials(email, password))?.agent ?? null;
  }

  /** As checkPassword, with the stored hash the password matched (to remember the policy's verdict on exactly that password). */
  async checkCredentials(email: string, password: string): Promise<{ agent: Agent; passwordHash: string } | null> {
    const found = await findAgentByEmail(this.database.db, email);
    const passwordOk = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!found || !passwordOk || !found.active) return null;
    const { passwordHash, ...agent } = found;
    return { agent, passwordHash };
  }

  /** Opens a session for an agent whose credentials were checked; resolves with its token (shown once). */
  async openSession(agentId: string, origin: SessionOrigin, scope: SessionScope = 'full'): Promise<string> {
    const token = newSecret();
    const now = this.clock.now();
    await insertSession(this.database.db, {
      tokenHash: hashSecret(token),
      agentId,
      createdAt: now,
      expiresAt: now + this.sessionTtlMs,
      address: origin.address,
      userAgent: origin.userAgent,
      scope,
    });
    return token;
  }

  /** A live, full session: null for unknown, expired, revoked and restricted (enrolment-only) ones. */
  async authenticate(token: string | undefined): Promise<AuthenticatedSession | null> {
    const session = await this.authenticateForEnrolment(token);
    return session?.scope === 'full' ? session : null;
  }

  /**
   * Any live session, restricted ones included: for the routes an admin without a second factor
   * may use under TIERDESK_REQUIRE_2FA (enrolling one, signing out). A full session of such an
   * admin (opened before the setting, or before they became admin) counts as restricted.
   */
  async authenticateForEnrolment(token: string | undefined): Promise<AuthenticatedSession | null> {
    if (!token || token.length > 200) return null;
    const sessionId = hashSecret(token);
    const found = await findSessionAgent(this.database.db, sessionId, this.clock.now());
    if (!found || this.activity.idleBy(sessionId, found.lastActiveAt)) return null;
    this.activity.touch(sessionId);
    const mustEnrol = this.requiresSecondFactorForAdmins && found.agent.role === 'admin' && !found.twoFactorEnabled;
    return { agent: found.agent, sessionId, expiresAt: found.expiresAt, lastActiveAt: found.lastActiveAt, scope: mustEnrol ? 'second_factor_setup' : found.scope };
  }

  /** The restricted session of an admin who has just enrolled becomes a full one. */
  async widenSession(sessionId: string): Promise<void> {
    await widenSessionScope(this.database.db, sessionId);
  }

  async logout(sessionId: string): Promise<void> {
    await this.endSession(sessionId, 'signed_out');
  }

  /** Ends one session for a reason its sockets are told (`session:ended`); HTTP refuses it from now on. */
  async endSession(sessionId: string, reason: SessionEndReason): Promise<void> {
    await revokeSession(this.database.db, sessionId, this.clock.now());
    this.activity.forget(sessionId);
    this.events.emit('revoked', sessionId, reason);
  }

  /** Ends every session of an agent at once (deactivation, password reset): HTTP refuses them, live sockets are cut. */
  async endAllSessionsOf(agentId: string): Promise<number> {
    const sessionIds = await revokeAgentSessions(this.database.db, agentId, this.clock.now());
    for (const sessionId of sessionIds) this.events.emit('revoked', sessionId, 'revoked');
    return sessionIds.length;
  }

  /** Ends every session of an agent except `keepSessionId` (theirs, asking): "sign out my other sessions". */
  async endOtherSessionsOf(agentId: string, keepSessionId: string): Promise<number> {
    const sessionIds = await revokeOtherSessions(this.database.db, agentId, keepSessionId, this.clock.now());
    for (const sessionId of sessionIds) this.events.emit('revoked', sessionId, 'signed_out');
    return sessionIds.length;
  }

  async liveSessionsOf(agentId: string): Promise<SessionRow[]> {
    return listLiveSessions(this.database.db, agentId, this.clock.now());
  }
}
