import type { FastifyInstance } from 'fastify';
import { LoginSchema } from '../../core';
import type { LoginAnswer } from '../../core/auth/account';
import { originOf, secretKeyProblem, sendThrottled, type AccountServices } from './account-services';
import { requireEnrolmentSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

/**
 * Sign-in and sign-out. Every attempt is reserved with the login throttle (per account and per
 * source address) before the slow password check, and every failure, throttle and success is
 * recorded in the security log.
 */
export function registerAuthRoutes(app: FastifyInstance, services: AccountServices): void {
  const { auth, throttle, signIn, securityLog } = services;

  app.post('/api/auth/login', async (request, reply) => {
    const input = parseOrThrow(LoginSchema, request.body, 'sign-in');
    const origin = originOf(request);
    const attempt = throttle.begin(input.email, request.ip);
    if (!attempt.allowed) {
      securityLog.record({ kind: 'sign_in_throttled', email: input.email, address: origin.address, detail: { scope: attempt.scope } });
      return sendThrottled(reply, attempt);
    }
    const outcome = await signIn.signIn({ ...input, origin }).catch((error: unknown) => {
      attempt.released();
      return secretKeyProblem(error);
    });
    switch (outcome.kind) {
      case 'wrong_credentials':
        attempt.failed();
        securityLog.record({ kind: 'sign_in_failed', email: input.email, address: origin.address, detail: { reason: 'password' } });
        throw new HttpError(401, 'wrong email or password');
      case 'second_factor_required':
        // The password was right; this is not a failure, but it clears nothing either.
        attempt.released();
        return reply.status(401).send({ error: 'enter the code from your authenticator app', code: 'totp_required' });
      case 'second_factor_wrong':
        attempt.failed();
        securityLog.record({ kind: 'two_factor_failed', agentId: outcome.agent.id, email: outcome.agent.email, address: origin.address, detail: { method: outcome.method } });
        return reply.status(401).send({ error: 'the code is wrong, expired or already used', code: 'totp_invalid' });
      case 'signed_in': {
        attempt.succeeded();
        const { agent } = outcome;
        const restricted = outcome.secondFactorSetupRequired;
        securityLog.record({ kind: 'sign_in', agentId: agent.id, email: agent.email, address: origin.address, detail: { secondFactor: outcome.secondFactor, ...(restricted ? { restricted } : {}) } });
        if (outcome.secondFactor === 'recovery_code') {
          const { recoveryCodesLeft } = await services.twoFactor.status(agent.id);
          securityLog.record({ kind: 'recovery_code_used', agentId: agent.id, email: agent.email, address: origin.address, detail: { recoveryCodesLeft } });
        }
        const answer: LoginAnswer = {
          token: outcome.token,
          agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, level: agent.level },
          passwordChangeRequired: outcome.passwordChangeRequired,
          secondFactorSetupRequired: restricted,
        };
        return answer;
      }
    }
  });

  // A restricted (enrolment-only) session may sign out too.
  app.post('/api/auth/logout', async (request, reply) => {
    const session = await requireEnrolmentSession(auth, request);
    await auth.logout(session.sessionId);
    return reply.status(204).send();
  });
}
