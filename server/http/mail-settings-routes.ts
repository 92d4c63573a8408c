import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EmailSchema, mailDomain } from '../../core';
import type { AuthService } from '../auth/auth-service';
import type { MailConfig } from '../config';
import type { MailTransport } from '../features/channels/email/mail-transport';
import { requireSession } from './authenticate';
import { HttpError, parseOrThrow } from './errors';

const TestMailSchema = z.object({ to: EmailSchema }).strict();

/**
 * Admins see how the desk's mail is set up (never the relay's password) and send a test mail
 * through the relay at once, which answers with the relay's own words when it refuses.
 */
export function registerMailSettingsRoutes(app: FastifyInstance, deps: { auth: AuthService; mail: MailConfig; relay: MailTransport | null; smtpPort: () => number | null }): void {
  const { auth, mail, relay } = deps;

  app.get('/api/admin/mail', async (request) => {
    await requireSession(auth, request, ['admin']);
    return {
      from: mail.from,
      addresses: mail.addresses,
      smtpPort: deps.smtpPort(),
      // The relay's host and port only: its user and password stay on the server.
      relay: mail.relayUrl ? new URL(mail.relayUrl).host : null,
      publicUrl: mail.publicUrl,
      rspamd: mail.rspamdUrl !== null,
    };
  });

  app.post('/api/admin/mail/test', async (request) => {
    const { agent } = await requireSession(auth, request, ['admin']);
    const { to } = parseOrThrow(TestMailSchema, request.body, 'test mail');
    if (!relay) throw new HttpError(409, 'no mail relay is configured (TIERDESK_SMTP_RELAY_URL): mail waits in the queue');
    try {
      await relay.send({
        messageId: `test-${randomUUID()}@${mailDomain(mail.from)}`,
        from: mail.from,
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
