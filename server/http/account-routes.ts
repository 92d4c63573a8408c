import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '../../core';
import { ChangePasswordSchema, ResetPasswordSchema, SignatureSchema, type AccountSession } from '../../core/auth/account';
import { hashPassword } from '../auth/passwords';
import { hashSecret } from '../auth/tokens';
import { findAgentById, setSignature, signatureOf } from '../store/agents-repository';
import { setPasswordHash } from '../store/credentials-repository';
import { sendThrottled, type AccountServices } from './account-services';
import { requireSession } from './authenticate';
import { assertAcceptablePassword } from './password-acceptance';
import { HttpError, parseOrThrow } from './errors';
import { registerTwoFactorRoutes } from './two-factor-routes';

const AgentIdParamSchema = z.object({ id: IdSchema });

/** Names a session in lists without being its token or the token's stored hash. */
export const publicSessionId = (sessionId: string): string => hashSecret(`session-id:${sessionId}`).slice(0, 24);

/**
 * The signed-in agent's own account (password, sessions, second factor) and the admins' password
 * reset. Proofs (the current password, a code) go through the login throttle like sign-ins do:
 * a stolen session cannot be used to guess them at leisure.
 */
export function registerAccountRoutes(app: FastifyInstance, services: AccountServices): void {
  const { auth, database, securityLog, throttle } = services;

  app.get('/api/account/sessions', async (request): Promise<AccountSession[]> => {
    const session = await requireSession(auth, request);
    const rows = await auth.liveSessionsOf(session.agent.id);
    return rows
      .filter((row) => row.scope === 'full' || row.tokenHash === session.sessionId)
      .map((row) => ({
        id: publicSessionId(row.tokenHash),
        createdAt: row.createdAt,
        lastActiveAt: row.lastActiveAt,
        address: row.address,
        userAgent: row.userAgent,
        current: row.tokenHash === session.sessionId,
      }));
  });

  app.delete('/api/account/sessions/others', async (request) => {
    const session = await requireSession(auth, request);
    const ended = await auth.endOtherSessionsOf(session.agent.id, session.sessionId);
    securityLog.record({ kind: 'sessions_revoked', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { ended } });
    return { ended };
  });

  /** The agent's own mail signature: appended to their replies' mails, placeholders filled per mail. */
  app.get('/api/account/signature', async (request) => {
    const session = await requireSession(auth, request);
    return { signature: (await signatureOf(database.db, session.agent.id)) ?? '' };
  });

  app.put('/api/account/signature', async (request) => {
    const session = await requireSession(auth, request);
    const { signature } = parseOrThrow(SignatureSchema, request.body, 'signature');
    await database.writeTransaction((trx) => setSignature(trx, session.agent.id, signature.trim() === '' ? null : signature));
    return { signature };
  });

  app.post('/api/account/password', async (request, reply) => {
    const session = await requireSession(auth, request);
    const { currentPassword, newPassword } = parseOrThrow(ChangePasswordSchema, request.body, 'password change');
    if (newPassword === currentPassword) throw new HttpError(400, 'invalid password change: the new password must differ from the current one');
    assertAcceptablePassword(newPassword, session.agent);
    const attempt = throttle.begin(session.agent.email, request.ip);
    if (!attempt.allowed) return sendThrottled(reply, attempt);
    if (!(await auth.checkPassword(session.agent.email, currentPassword))) {
      attempt.failed();
      securityLog.record({ kind: 'sign_in_failed', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { reason: 'password', during: 'password_change' } });
      throw new HttpError(403, 'the current password is wrong');
    }
    attempt.succeeded();
    await setPasswordHash(database.db, session.agent.id, await hashPassword(newPassword), true);
    const ended = await auth.endOtherSessionsOf(session.agent.id, session.sessionId);
    securityLog.record({ kind: 'password_changed', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { sessionsEnded: ended } });
    return { sessionsEnded: ended };
  });

  app.post('/api/agents/:id/password', async (request) => {
    const session = await requireSession(auth, request, ['admin']);
    const { id } = parseOrThrow(AgentIdParamSchema, request.params, 'agent id');
    const { newPassword } = parseOrThrow(ResetPasswordSchema, request.body, 'password reset');
    if (id === session.agent.id) throw new HttpError(409, 'change your own password in your account (POST /api/account/password): it asks for the current one');
    const target = await findAgentById(database.db, id);
    if (!target) throw new HttpError(404, 'there is no such agent');
    assertAcceptablePassword(newPassword, target);
    await setPasswordHash(database.db, id, await hashPassword(newPassword), true);
    const ended = await auth.endAllSessionsOf(id);
    securityLog.record({ kind: 'password_reset', agentId: id, email: target.email, address: request.ip, detail: { by: session.agent.id, sessionsEnded: ended } });
    return { sessionsEnded: ended };
  });

  // An agent who lost both their authenticator and their recovery codes gets back in through an admin.
  app.delete('/api/agents/:id/2fa', async (request, reply) => {
    const session = await requireSession(auth, request, ['admin']);
    const { id } = parseOrThrow(AgentIdParamSchema, request.params, 'agent id');
    if (id === session.agent.id) throw new HttpError(409, 'turn off your own two-factor sign-in in your account (POST /api/account/2fa/disable)');
    const target = await findAgentById(database.db, id);
    if (!target) throw new HttpError(404, 'there is no such agent');
    if (!(await services.twoFactor.isEnabled(id))) throw new HttpError(409, 'two-factor sign-in is not on for this agent');
    await services.twoFactor.remove(id);
    const ended = await auth.endAllSessionsOf(id);
    securityLog.record({ kind: 'two_factor_disabled', agentId: id, email: target.email, address: request.ip, detail: { by: session.agent.id, sessionsEnded: ended } });
    return reply.status(204).send();
  });

  registerTwoFactorRoutes(app, services);
}
