import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { NewAgentSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import { hashPassword } from '../auth/passwords';
import type { Clock } from '../clock';
import { findAgentByEmail, insertAgent, listAgents } from '../store/agents-repository';
import { isUniqueViolation, type Database } from '../store/database';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

export function registerAgentRoutes(app: FastifyInstance, deps: { auth: AuthService; database: Database; clock: Clock }): void {
  const { auth, database, clock } = deps;

  app.post('/api/agents', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const input = parseOrThrow(NewAgentSchema, request.body, 'agent');
    if (await findAgentByEmail(database.db, input.email)) throw new HttpError(409, 'an agent with this email already exists');
    const id = randomUUID();
    const { password, ...profile } = input;
    try {
      await insertAgent(database.db, { id, ...profile, active: true }, await hashPassword(password), clock.now());
    } catch (error) {
      // The same email created twice at once: the second insert meets the unique index.
      if (isUniqueViolation(error)) throw new HttpError(409, 'an agent with this email already exists');
      throw error;
    }
    return reply.status(201).send({ id });
  });

  app.get('/api/agents', async (request) => {
    await requireSession(auth, request, ['supervisor', 'admin']);
    return listAgents(database.db);
  });

  /** Names for the console (who holds a ticket, whom to assign): every signed-in agent may read it; no emails. */
  app.get('/api/directory/agents', async (request) => {
    await requireSession(auth, request);
    const agents = await listAgents(database.db);
    return agents.map(({ id, name, role, level, active }) => ({ id, name, role, level, active }));
  });
}
