import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { DeskMailSettingsSchema, EmailSchema, mailDomain, SupportAddressRouteSchema, SupportAddressSchema } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { MailConfig } from '../config';
import type { DeskMail, DeskMailChange } from '../features/channels/email/desk-mail';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

const TestMailSchema = z.object({ to: EmailSchema }).strict();
const AddressParamsSchema = z.object({ address: SupportAddressSchema }).strict();

/**
 * Admins see how the desk's mail is set up (never the relay's credentials), set the From address
 * and the relay over the environment's, add support addresses and the group each one's new
 * tickets go to, and send a test mail through the relay at once, which answers with the relay's
 * own words when it refuses.
 */
export function registerMailSettingsRoutes(app: FastifyInstance, deps: { auth: AuthService; mail: MailConfig; desk: DeskMail; smtpPort: () => number | null }): void {
  const { auth, mail, desk } = deps;
  const setup = () => {
    const view = desk.view();
    return { ...view, addresses: view.supportAddresses.map((entry) => entry.address), smtpPort: deps.smtpPort(), publicUrl: mail.publicUrl, rspamd: mail.rspamdUrl !== null };
  };
  const answer = (reply: FastifyReply, change: DeskMailChange) => {
    if (!change.ok) throw new HttpError(change.status, change.error);
    return reply.send(setup());
  };

  app.get('/api/admin/mail', async (request) => {
    await requireSession(auth, request, ['admin']);
    return setup();
  });

  app.patch('/api/admin/mail', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    return answer(reply, await desk.changeSettings(parseOrThrow(DeskMailSettingsSchema, request.body, 'mail settings')));
  });

  app.put('/api/admin/mail/addresses/:address', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const { address } = parseOrThrow(AddressParamsSchema, request.params, 'support address');
    const { groupId } = parseOrThrow(SupportAddressRouteSchema, request.body, 'support address');
    return answer(reply, await desk.putAddress(address, groupId));
  });

  app.delete('/api/admin/mail/addresses/:address', async (request, reply) => {
    await requireSession(auth, request, ['admin']);
    const { address } = parseOrThrow(AddressParamsSchema, request.params, 'support address');
    return answer(reply, await desk.removeAddress(address));
  });

  app.post('/api/admin/mail/test', async (request) => {
    const { agent } = await requireSession(auth, request, ['admin']);
    const { to } = parseOrThrow(TestMailSchema, request.body, 'test mail');
    const relay = desk.relay();
    if (!relay) throw new HttpError(409, 'no mail relay is set (TIERDESK_SMTP_RELAY_URL, or in the console): mail waits in the queue');
    try {
      await relay.send({
        messageId: `test-${randomUUID()}@${mailDomain(desk.from)}`,
        from: desk.from,
        fromName: 'Tierdesk',
        to: [to],
        cc: [],
        subject: 'Tierdesk test mail',
        text: `This is a test mail from the desk at ${mail.publicUrl}, sent by ${agent.name}. Its mail reaches you through this relay.`,
        inReplyTo: null,
        references: [],
        automatic: true,
      });
    } catch (error) {
      throw new HttpError(502, `the relay did not take the test mail: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { sent: true, to };
  });
}
