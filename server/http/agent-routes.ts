import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema, LevelSchema, NewAgentSchema, RoleSchema } from '../../core';
import { hashPassword } from '../auth/passwords';
import { findAgentByEmail, findAgentById, listAgents } from '../store/agents-repository';
import { isUniqueViolation } from '../store/database';
import { requireSession } from './authenticate';
import { assertAcceptablePassword } from './password-acceptance';
import { HttpError, parseOrThrow } from './errors';
import type { TeamRouteDependencies } from './team-route-dependencies';

const AgentIdParamSchema = z.object({ id: IdSchema });
const AgentChangesSchema = z
  .object({ name: z.string().trim().min(1).max(120).optional(), role: RoleSchema.optional(), level: LevelSchema.optional(), active: z.boolean().optional() })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'nothing to change');

export function registerAgentRoutes(app: FastifyInstance, deps: TeamRouteDependencies): void {
  const { auth, database, team } = deps;

  app.post('/api/agents', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const input = parseOrThrow(NewAgentSchema, request.body, 'agent');
    assertAcceptablePassword(input.password, input);
    if (await findAgentByEmail(database.db, input.email)) throw new HttpError(409, 'an agent with this email already exists');
    const id = randomUUID();
    const { password, ...profile } = input;
    const passwordHash = await hashPassword(password);
    try {
      await team.registerAgent({ id, ...profile, active: true }, passwordHash);
    } catch (error) {
      // The same email created twice at once: the second insert meets the unique index.
      if (isUniqueViolation(error)) throw new HttpError(409, 'an agent with this email already exists');
      throw error;
    }
    return reply.status(201).send({ id });
  });

  app.patch('/api/agents/:id', async (request) => {
    const session = await requireSession(auth, request, ['admin']);
    const { id } = parseOrThrow(AgentIdParamSchema, request.params, 'agent id');
    const changes = parseOrThrow(AgentChangesSchema, request.body, 'agent change');
    if (id === session.agent.id && (changes.active === false || (changes.role && changes.role !== 'admin'))) {
      throw new HttpError(409, 'you cannot deactivate or demote yourself: ask another admin');
    }
    const before = await findAgentById(database.db, id);
    if (!before) throw new HttpError(404, 'there is no such agent');
    await team.changeAgent(before, changes);
    if (changes.active === false && before.active) {
      await auth.endAllSessionsOf(id);
      await team.releaseTicketsOf(id);
    }
    return findAgentById(database.db, id);
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
