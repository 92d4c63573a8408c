import { EventEmitter } from 'node:events';
import type { Agent } from '../../core';
import type { Clock } from '../clock';
import { findAgentByEmail } from '../store/agents-repository';
import type { Database } from '../store/database';
import { findSessionAgent, insertSession, revokeAgentSessions, revokeSession } from '../store/sessions-repository';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { hashSecret, newSecret } from './tokens';

export type AuthenticatedSession = { agent: Agent; sessionId: string; expiresAt: number };

/**
 * Sessions are opaque random tokens, stored hashed, with an expiry and revocation. `sessionId`
 * (the token's hash) identifies a session in logs and socket bookkeeping without exposing it.
 */
export class AuthService {
  /** Emits 'revoked' (sessionId) so live sockets of that session are cut at once. */
  readonly events = new EventEmitter();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly sessionTtlMs: number,
  ) {}

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
    return found ? { agent: found.agent, sessionId, expiresAt: found.expiresAt } : null;
  }

  async logout(sessionId: string): Promise<void> {
    await revokeSession(this.database.db, sessionId, this.clock.now());
    this.events.emit('revoked', sessionId);
  }

  /** Ends every session of an agent at once (deactivation): HTTP refuses them, live sockets are cut. */
  async endAllSessionsOf(agentId: string): Promise<number> {
    const sessionIds = await revokeAgentSessions(this.database.db, agentId, this.clock.now());
    for (const sessionId of sessionIds) this.events.emit('revoked', sessionId);
    return sessionIds.length;
  }
}
