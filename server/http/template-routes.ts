import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TemplateCreateSchema, TemplatePatchSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { TemplateService } from '../features/knowledge/template-service';
import { requireSession } from './authenticate';
import { parseOrThrow } from './errors';
import { IfMatchSchema, valueOrThrow } from './knowledge-routes';

const TemplateParamsSchema = z.object({ id: z.string().uuid('not a template id') }).strict();

/**
 * Answer templates over HTTP, for signed-in agents only. Consoles receive them through the sync
 * feed; these are for writing them and for other tools. A template someone else keeps for
 * themselves answers 404, as a missing one does.
 */
export function registerTemplateRoutes(app: FastifyInstance, deps: { auth: AuthService; templates: TemplateService }): void {
  const { auth, templates } = deps;

  app.get('/api/templates', async (request) => {
    const { agent } = await requireSession(auth, request);
    return { templates: await templates.list(agent) };
  });

  app.post('/api/templates', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const input = parseOrThrow(TemplateCreateSchema, request.body, 'template');
    const template = valueOrThrow(await templates.create(agent, input));
    return reply.status(201).send({ id: template.id, version: template.version });
  });

  app.patch('/api/templates/:id', async (request) => {
    const { agent } = await requireSession(auth, request);
    const { id } = parseOrThrow(TemplateParamsSchema, request.params, 'template id');
    const expected = parseOrThrow(IfMatchSchema, request.headers['if-match'], 'If-Match');
    const patch = parseOrThrow(TemplatePatchSchema, request.body, 'template change');
    return valueOrThrow(await templates.update(agent, id, patch, expected));
  });

  app.delete('/api/templates/:id', async (request, reply) => {
    const { agent } = await requireSession(auth, request);
    const { id } = parseOrThrow(TemplateParamsSchema, request.params, 'template id');
    valueOrThrow(await templates.delete(agent, id));
    return reply.status(204).send();
  });
}
