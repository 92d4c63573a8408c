import { EventEmitter } from 'node:events';
import type { Agent, SessionEndReason } from '../../core';
import type { Clock } from '../clock';
import { findAgentByEmail } from '../store/agents-repository';
import type { Database } from '../store/database';
import { findSessionAgent, insertSession, revokeAgentSessions, revokeSession } from '../store/sessions-repository';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { SessionActivity } from './session-activity';
import { hashSecret, newSecret } from './tokens';

export type AuthenticatedSession = { agent: Agent; sessionId: string; expiresAt: number; lastActiveAt: number };

/**
 * Sessions are opaque random tokens, stored hashed, with an expiry and revocation. `sessionId`
 * (the token's hash) identifies a session in logs and socket bookkeeping without exposing it.
 */
export class AuthService {
  /** Emits 'revoked' (sessionId, reason: SessionEndReason) so live sockets of that session are cut at once. */
  readonly events = new EventEmitter();
  /** Last use per session, for the idle timeout (off when idleMs is null). */
  readonly activity: SessionActivity;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly sessionTtlMs: number,
    idleMs: number | null = null,
  ) {
    this.activity = new SessionActivity(database, clock, idleMs);
  }

  /** Returns null for an unknown email, a wrong password or a deactivated agent: the caller says 401 to all three. */
  async login(email: string, password: string): Promise<{ token: string; agent: Agent } | null> {
    const found = await findAgentByEmail(this.database.db, email);
    const passwordOk = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!found || !passwordOk || !found.active) return null;
    const token = newSecret();
    const now = this.clock.now();
    await insertSession(this.database.db, {
      tokenHash: hashSecret(token),
      agentId: found.id,
      createdAt: now,
      expiresAt: now + this.sessionTtlMs,
    });
    const { passwordHash: _secret, ...agent } = found;
    return { token, agent };
  }

  async authenticate(token: string | undefined): Promise<AuthenticatedSession | null> {
    if (!token || token.length > 200) return null;
    const sessionId = hashSecret(token);
    const found = await findSessionAgent(this.database.db, sessionId, this.clock.now());
    if (!found || this.activity.idleBy(sessionId, found.lastActiveAt)) return null;
    this.activity.touch(sessionId);
    return { agent: found.agent, sessionId, expiresAt: found.expiresAt, lastActiveAt: found.lastActiveAt };
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

  /** Ends every session of an agent at once (deactivation): HTTP refuses them, live sockets are cut. */
  async endAllSessionsOf(agentId: string): Promise<number> {
    const sessionIds = await revokeAgentSessions(this.database.db, agentId, this.clock.now());
    for (const sessionId of sessionIds) this.events.emit('revoked', sessionId, 'revoked');
    return sessionIds.length;
  }
}
