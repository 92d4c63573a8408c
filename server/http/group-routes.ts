import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GroupMembersSchema, IdSchema, NewGroupSchema } from '../../core';
import { listAgents } from '../store/agents-repository';
import { isUniqueViolation } from '../store/database';
import { groupExists, listGroups } from '../store/groups-repository';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';
import type { TeamRouteDependencies } from './team-route-dependencies';

const GroupIdParamSchema = z.object({ id: IdSchema });

/** Groups are distribution lists; admins manage them, every signed-in agent may read them. */
export function registerGroupRoutes(app: FastifyInstance, deps: TeamRouteDependencies): void {
  const { auth, database, team } = deps;

  app.get('/api/groups', async (request) => {
    await requireSession(auth, request);
    return listGroups(database.db);
  });

  app.post('/api/groups', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const input = parseOrThrow(NewGroupSchema, request.body, 'group');
    const id = randomUUID();
    try {
      await team.createGroup({ id, name: input.name, categories: input.categories ?? [] });
    } catch (error) {
      if (isUniqueViolation(error)) throw new HttpError(409, 'a group with this name already exists');
      throw error;
    }
    return reply.status(201).send({ id });
  });

  app.put('/api/groups/:id/members', async (request) => {
    await requireSession(auth, request, ['admin']);
    const { id } = parseOrThrow(GroupIdParamSchema, request.params, 'group id');
    const members = parseOrThrow(GroupMembersSchema, request.body, 'members');
    if (!(await groupExists(database.db, id))) throw new HttpError(404, 'there is no such group');
    const known = new Set((await listAgents(database.db)).map((agent) => agent.id));
    const unknown = members.find((member) => !known.has(member.agentId));
    if (unknown) throw new HttpError(400, `invalid members: there is no agent ${unknown.agentId}`);
    await team.replaceMembers(id, members);
    return members;
  });
}
