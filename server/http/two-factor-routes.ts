import type { FastifyInstance } from 'fastify';
import { DisableTwoFactorSchema, TwoFactorCodeSchema, type TwoFactorSetup, type TwoFactorStatus } from '../../core/auth/account';
import { TwoFactorError } from '../auth/two-factor-service';
import { secretKeyProblem, sendThrottled, type AccountServices } from './account-services';
import { requireEnrolmentSession, requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

const STATUS_BY_REASON = { already_enabled: 409, not_pending: 409, not_enabled: 409, wrong_code: 403 } as const;

/** A refused second-factor change as HTTP: 409 for the wrong state, 403 for a wrong code, 503 without a master key. */
function asHttpError(error: unknown): never {
  if (error instanceof TwoFactorError) throw new HttpError(STATUS_BY_REASON[error.reason], error.message);
  return secretKeyProblem(error);
}

/**
 * The optional TOTP second factor of the signed-in agent. Setting it up and confirming it also
 * work with the enrolment-only session of an admin who must have one (TIERDESK_REQUIRE_2FA); the
 * confirmation then widens that session to a full one.
 */
export function registerTwoFactorRoutes(app: FastifyInstance, services: AccountServices): void {
  const { auth, twoFactor, securityLog, throttle } = services;

  app.get('/api/account/2fa', async (request): Promise<TwoFactorStatus> => {
    const session = await requireSession(auth, request);
    return twoFactor.status(session.agent.id);
  });

  app.post('/api/account/2fa/setup', async (request): Promise<TwoFactorSetup> => {
    const session = await requireEnrolmentSession(auth, request);
    return twoFactor.beginSetup(session.agent).catch(asHttpError);
  });

  app.post('/api/account/2fa/enable', async (request) => {
    const session = await requireEnrolmentSession(auth, request);
    const { code } = parseOrThrow(TwoFactorCodeSchema, request.body, 'code');
    const recoveryCodes = await twoFactor.enable(session.agent.id, code).catch((error: unknown) => {
      if (error instanceof TwoFactorError && error.reason === 'wrong_code') {
        securityLog.record({ kind: 'two_factor_failed', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { during: 'enable' } });
      }
      return asHttpError(error);
    });
    if (session.scope !== 'full') await auth.widenSession(session.sessionId);
    securityLog.record({ kind: 'two_factor_enabled', agentId: session.agent.id, email: session.agent.email, address: request.ip });
    return { recoveryCodes };
  });

  app.post('/api/account/2fa/disable', async (request, reply) => {
    const session = await requireSession(auth, request);
    const { password, code } = parseOrThrow(DisableTwoFactorSchema, request.body, 'two-factor removal');
    if (auth.requiresSecondFactorForAdmins && session.agent.role === 'admin') {
      throw new HttpError(409, 'this server requires two-factor sign-in for admins (TIERDESK_REQUIRE_2FA): it cannot be turned off');
    }
    if (!(await twoFactor.isEnabled(session.agent.id))) throw new HttpError(409, 'two-factor sign-in is not on');
    const attempt = throttle.begin(session.agent.email, request.ip);
    if (!attempt.allowed) return sendThrottled(reply, attempt);
    if (!(await auth.checkPassword(session.agent.email, password))) {
      attempt.failed();
      securityLog.record({ kind: 'sign_in_failed', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { reason: 'password', during: 'two_factor_disable' } });
      throw new HttpError(403, 'the password is wrong');
    }
    const proof = await twoFactor.disable(session.agent.id, code).catch((error: unknown) => {
      if (!(error instanceof TwoFactorError && error.reason === 'wrong_code')) {
        attempt.released();
      } else {
        attempt.failed();
        securityLog.record({ kind: 'two_factor_failed', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { during: 'disable' } });
      }
      return asHttpError(error);
    });
    attempt.succeeded();
    if (proof === 'recovery_code') securityLog.record({ kind: 'recovery_code_used', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { during: 'disable' } });
    securityLog.record({ kind: 'two_factor_disabled', agentId: session.agent.id, email: session.agent.email, address: request.ip });
    return reply.status(204).send();
  });

  app.post('/api/account/2fa/recovery-codes', async (request, reply) => {
    const session = await requireSession(auth, request);
    const { code } = parseOrThrow(TwoFactorCodeSchema, request.body, 'code');
    const attempt = throttle.begin(session.agent.email, request.ip);
    if (!attempt.allowed) return sendThrottled(reply, attempt);
    const recoveryCodes = await twoFactor.regenerateRecoveryCodes(session.agent.id, code).catch((error: unknown) => {
      if (error instanceof TwoFactorError && error.reason === 'wrong_code') {
        attempt.failed();
        securityLog.record({ kind: 'two_factor_failed', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { during: 'recovery_codes' } });
      } else {
        attempt.released();
      }
      return asHttpError(error);
    });
    attempt.succeeded();
    securityLog.record({ kind: 'two_factor_enabled', agentId: session.agent.id, email: session.agent.email, address: request.ip, detail: { recoveryCodesRegenerated: true } });
    return { recoveryCodes };
  });
}
