import type { FastifyRequest } from 'fastify';
import type { Role } from '../../core';
import type { AuthenticatedSession, AuthService } from '../auth/auth-service';
import { HttpError } from './errors';

/** The session behind the request's bearer token, optionally limited to some roles. */
export async function requireSession(
  auth: AuthService,
  request: FastifyRequest,
  roles?: readonly Role[],
): Promise<AuthenticatedSession> {
  // The scheme name is case-insensitive (RFC 9110).
  const token = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const session = await auth.authenticate(token);
  if (!session) throw new HttpError(401, 'sign in first: missing, expired or revoked token');
  if (roles && !roles.includes(session.agent.role)) {
    throw new HttpError(403, `only ${roles.join(' or ')} may do this`);
  }
  return session;
}
