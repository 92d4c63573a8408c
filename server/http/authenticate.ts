import type { FastifyRequest } from 'fastify';
import type { Role } from '../../core';
import type { AuthenticatedSession, AuthService } from '../auth/auth-service';
import { HttpError } from './errors';

// The scheme name is case-insensitive (RFC 9110).
const bearerToken = (request: FastifyRequest) => /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];

/** The full session behind the request's bearer token, optionally limited to some roles. Restricted sessions get 401. */
export async function requireSession(
  auth: AuthService,
  request: FastifyRequest,
  roles?: readonly Role[],
): Promise<AuthenticatedSession> {
  const token = bearerToken(request);
  const session = await auth.authenticate(token);
  if (!session) {
    // Rare (a refusal): worth one more look to tell an admin who must enrol what to do.
    const restricted = await auth.authenticateForEnrolment(token);
    if (restricted) throw new HttpError(403, 'set up two-factor sign-in first: until then this session may only enrol (POST /api/account/2fa/setup)');
    throw new HttpError(401, 'sign in first: missing, expired or revoked token');
  }
  if (roles && !roles.includes(session.agent.role)) {
    throw new HttpError(403, `only ${roles.join(' or ')} may do this`);
  }
  return session;
}

/**
 * Any live session, the enrolment-only one of an admin who must set up a second factor first
 * (TIERDESK_REQUIRE_2FA) included: only for enrolling and signing out.
 */
export async function requireEnrolmentSession(auth: AuthService, request: FastifyRequest): Promise<AuthenticatedSession> {
  const session = await auth.authenticateForEnrolment(bearerToken(request));
  if (!session) throw new HttpError(401, 'sign in first: missing, expired or revoked token');
  return session;
}

/**
 * For what customers may also read: no Authorization header is a customer (null). A header that
 * names no live session is refused (401) rather than read as a customer, so an agent whose
 * session ended learns it instead of silently seeing less.
 */
export async function optionalSession(auth: AuthService, request: FastifyRequest): Promise<AuthenticatedSession | null> {
  if (request.headers.authorization === undefined) return null;
  return requireSession(auth, request);
}
