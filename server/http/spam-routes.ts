import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema, SpamRulesSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { SpamQueue } from '../features/channels/email/spam-queue';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';
import { decodeMessagesCursor, encodeMessagesCursor } from './messages-cursor';

const SpamIdParamSchema = z.object({ id: IdSchema });
const SpamListQuerySchema = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.string().regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100').transform(Number).pipe(z.number().min(1).max(100)).optional(),
  })
  .strict();

/** The Spam view over HTTP (README "Email"): every agent reviews held mail; admins set the rules. */
export function registerSpamRoutes(app: FastifyInstance, deps: { auth: AuthService; spam: SpamQueue }): void {
  const { auth, spam } = deps;
  const notFound = () => new HttpError(404, 'there is no such held mail');

  app.get('/api/spam', async (request) => {
    await requireSession(auth, request);
    const query = parseOrThrow(SpamListQuerySchema, request.query, 'query');
    const cursor = query.cursor === undefined ? null : decodeMessagesCursor(query.cursor, 'cursor', 'nextCursor');
    const page = await spam.list(cursor && { receivedAt: cursor.createdAt, id: cursor.id }, query.limit ?? 50);
    const last = page.mails.at(-1);
    return { mails: page.mails, nextCursor: page.more && last ? encodeMessagesCursor({ createdAt: last.receivedAt, id: last.id }) : null };
  });

  app.post('/api/spam/:id/release', async (request) => {
    await requireSession(auth, request);
    const { id } = parseOrThrow(SpamIdParamSchema, request.params, 'held mail id');
    const outcome = await spam.release(id);
    if (!outcome) throw notFound();
    return { outcome: outcome.kind, ticketNumber: 'ticketNumber' in outcome ? outcome.ticketNumber : null };
  });

  app.delete('/api/spam/:id', async (request, reply) => {
    await requireSession(auth, request);
    const { id } = parseOrThrow(SpamIdParamSchema, request.params, 'held mail id');
    if (!(await spam.remove(id))) throw notFound();
    return reply.status(204).send();
  });

  app.get('/api/admin/spam-rules', async (request) => {
    await requireSession(auth, request, ['admin']);
    return spam.rules();
  });

  app.put('/api/admin/spam-rules', async (request) => {
    await requireSession(auth, request, ['admin']);
    return spam.setRules(parseOrThrow(SpamRulesSchema, request.body, 'spam rules'));
  });
}
