import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdSchema, MailboxPatchSchema, MailboxSettingsSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { ImapPoller } from '../features/channels/email/imap-poller';
import type { Mailboxes } from '../features/channels/email/mailboxes';
import { requireSession } from './authenticate';
import { secretKeyProblem } from './account-services';
import { HttpError, parseOrThrow } from './errors';

const MailboxIdParamSchema = z.object({ id: IdSchema });

/**
 * Admins configure the IMAP mailboxes the desk reads (README "Email"). The password goes in and
 * never comes out; a change or a new mailbox takes effect at once (a poll round starts).
 */
export function registerMailboxRoutes(app: FastifyInstance, deps: { auth: AuthService; mailboxes: Mailboxes; poller: ImapPoller }): void {
  const { auth, mailboxes, poller } = deps;
  const notFound = () => new HttpError(404, 'there is no such mailbox');

  app.get('/api/admin/mailboxes', async (request) => {
    await requireSession(auth, request, ['admin']);
    return { mailboxes: await mailboxes.list() };
  });

  app.post('/api/admin/mailboxes', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const settings = parseOrThrow(MailboxSettingsSchema, request.body, 'mailbox');
    const mailbox = await mailboxes.create(settings).catch(secretKeyProblem);
    poller.kick();
    return reply.status(201).send(mailbox);
  });

  app.patch('/api/admin/mailboxes/:id', async (request) => {
    await requireSession(auth, request, ['admin']);
    const { id } = parseOrThrow(MailboxIdParamSchema, request.params, 'mailbox id');
    const patch = parseOrThrow(MailboxPatchSchema, request.body, 'mailbox change');
    const changed = await mailboxes.update(id, patch).catch(secretKeyProblem);
    if (changed === null) throw notFound();
    if (!changed.ok) throw new HttpError(400, `invalid mailbox: ${changed.error}`);
    poller.kick();
    return changed.mailbox;
  });

  app.delete('/api/admin/mailboxes/:id', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const { id } = parseOrThrow(MailboxIdParamSchema, request.params, 'mailbox id');
    if (!(await mailboxes.remove(id))) throw notFound();
    poller.kick();
    return reply.status(204).send();
  });
}
