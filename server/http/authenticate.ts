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
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  const session = await auth.authenticate(token);
  if (!session) throw new HttpError(401, 'sign in first: missing, expired or revoked token');
  if (roles && !roles.includes(session.agent.role)) {
    throw new HttpError(403, `only ${roles.join(' or ')} may do this`);
  }
  return session;
}
