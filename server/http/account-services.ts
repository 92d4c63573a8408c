import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, SessionOrigin } from '../auth/auth-service';
import { MissingSecretKeyError, type SecretBox } from '../auth/secret-box';
import { SignInService } from '../auth/sign-in';
import { TwoFactorService } from '../auth/two-factor-service';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { SecurityLog } from '../features/security/security-log';
import type { Database } from '../store/database';
import { HttpError } from './errors';
import { LoginThrottle, type ThrottleRefusal } from './login-throttle';

/** What the sign-in and account routes share: one throttle per process, one sealed-secret key. */
export type AccountServices = {
  auth: AuthService;
  database: Database;
  clock: Clock;
  securityLog: SecurityLog;
  throttle: LoginThrottle;
  signIn: SignInService;
  twoFactor: TwoFactorService;
};

export function createAccountServices(deps: {
  auth: AuthService;
  database: Database;
  clock: Clock;
  config: ServerConfig;
  securityLog: SecurityLog;
  secrets: () => SecretBox;
}): AccountServices {
  const { auth, database, clock, config, securityLog, secrets } = deps;
  const twoFactor = new TwoFactorService(database, clock, secrets);
  return {
    auth,
    database,
    clock,
    securityLog,
    throttle: new LoginThrottle(config.limits, () => clock.now()),
    signIn: new SignInService(database, auth, twoFactor),
    twoFactor,
  };
}

export const originOf = (request: FastifyRequest): SessionOrigin => ({
  address: request.ip || null,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 200) : null,
});

/** A throttled attempt: 429 with Retry-After (whole seconds, at least 1) and the same figure in the body. */
export function sendThrottled(reply: FastifyReply, refusal: ThrottleRefusal) {
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1_000));
  const what = refusal.scope === 'address' ? 'too many failed sign-ins from this address' : 'too many failed sign-ins for this account';
  return reply.status(429).header('retry-after', String(seconds)).send({ error: `${what}: try again in ${seconds} s`, retryAfterSeconds: seconds });
}

/** No master key in PostgreSQL mode is a configuration problem the admin must fix: 503, naming the variable. */
export function secretKeyProblem(error: unknown): never {
  if (error instanceof MissingSecretKeyError) throw new HttpError(503, error.message);
  throw error;
}
