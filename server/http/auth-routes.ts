import type { FastifyInstance } from 'fastify';
import { LoginSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';
import { LoginThrottle } from './login-throttle';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, now: () => number): void {
  const throttle = new LoginThrottle(now);

  app.post('/api/auth/login', async (request) => {
    const { email, password } = parseOrThrow(LoginSchema, request.body, 'sign-in');
    if (!throttle.tryBegin(email)) throw new HttpError(429, 'too many failed sign-ins: try again in 15 minutes');
    const result = await auth.login(email, password);
    if (!result) throw new HttpError(401, 'wrong email or password');
    throttle.recordSuccess(email);
    const { id, name, role, level } = result.agent;
    return { token: result.token, agent: { id, name, email: result.agent.email, role, level } };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const session = await requireSession(auth, request);
    await auth.logout(session.sessionId);
    return reply.status(204).send();
  });
}
