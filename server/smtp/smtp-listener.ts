import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { mailDomain } from '../../core';
import type { MailConfig } from '../config';
import type { DeskMail } from '../features/channels/email/desk-mail';
import type { MailIntake } from '../features/channels/email/receive-mail';
import { UnreadableMailError } from '../features/channels/email/parse-mail';
import { KeyedLimiter } from '../limits/keyed-limiter';
import type { Logger } from '../logger';

/** Recipients one mail may name here: only the desk's addresses are accepted, so more is abuse. */
const MAX_RECIPIENTS = 50;
const MAX_CLIENTS = 100;

export type SmtpListener = { port: number; close(): Promise<void> };

type SmtpError = Error & { responseCode: number };
const smtpError = (responseCode: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode });

/**
 * The built-in SMTP listener (TIERDESK_SMTP_PORT): the desk's MX, or the target of a relay that
 * forwards the support addresses. It speaks plain SMTP (put it behind the organisation's mail
 * gateway for TLS and spam filtering at the edge). Recipients other than the desk's addresses (as
 * they are now: admins add some in the console) are
 * refused at RCPT time; mails over the size limit are refused at DATA (SIZE is announced); a
 * sender over their allowance is told to try later (451), as is any mail the desk could not
 * store: the sending server retries, so a mail is accepted (250) only once it is committed.
 */
export async function startSmtpListener(options: {
  host: string;
  mail: MailConfig;
  desk: Pick<DeskMail, 'isDeskAddress'>;
  intake: MailIntake;
  limitsEnabled: boolean;
  logger: Logger;
}): Promise<SmtpListener> {
  const { mail, desk, intake, logger } = options;
  const perSender = new KeyedLimiter(mail.perSender, { enabled: options.limitsEnabled, maxKeys: 10_000 });

  const server = new SMTPServer({
    name: mailDomain(mail.from),
    banner: 'Tierdesk',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: mail.maxMessageBytes,
    maxClients: MAX_CLIENTS,
    logger: false,
    onMailFrom(address, session, callback) {
      const key = address.address ? address.address.toLowerCase() : `<>@${session.remoteAddress}`;
      const verdict = perSender.take(key);
      if (verdict.allowed) return callback();
      logger.warn({ sender: key }, 'inbound mail: sender over their allowance');
      callback(smtpError(451, `4.7.1 too many mails from ${key}; try again in ${Math.ceil(verdict.retryAfterMs / 1_000)} s`));
    },
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, '4.5.3 too many recipients'));
      if (desk.isDeskAddress(address.address)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session, callback) {
      void readLimited(stream).then(
        async (raw) => {
          if (raw === null) return callback(smtpError(552, `5.3.4 the mail is larger than ${Math.round(mail.maxMessageBytes / 1_048_576)} MB`));
          try {
            const outcome = await intake.receive(raw, { recipients: session.envelope.rcptTo.map((recipient) => recipient.address) });
            logger.info({ outcome, session: session.id }, 'inbound mail stored');
            callback(null, outcome.kind === 'created' || outcome.kind === 'appended' ? `2.0.0 stored in ticket #${outcome.ticketNumber}` : outcome.kind === 'held' ? '2.0.0 held for review' : `2.0.0 ${outcome.kind}`);
          } catch (error) {
            if (error instanceof UnreadableMailError) return callback(smtpError(550, `5.6.0 ${error.message}`));
            logger.error({ err: error, session: session.id }, 'inbound mail not stored; the sender will retry');
            callback(smtpError(451, '4.3.0 the mail could not be stored now; try again later'));
          }
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(mail.smtpPort ?? 0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The mail's bytes, or null once it is over the limit (the rest is read and thrown away, as SMTP requires). */
function readLimited(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}
