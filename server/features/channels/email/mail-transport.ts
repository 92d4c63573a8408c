import nodemailer from 'nodemailer';
import type { OutboundEnvelope } from '../../../store/mail-repository';

/** Refused for good (a 5xx answer: no such mailbox, policy): retrying would not help. */
export class PermanentMailError extends Error {}

export type MailTransport = {
  send(envelope: OutboundEnvelope): Promise<void>;
  close(): void;
};

/** Headers that tell the customer's mail system not to answer automatically (RFC 3834, Exchange's own). */
const AUTOMATIC_HEADERS = { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' };
/** Every mail asks Exchange not to send out-of-office answers back: the other side of loop protection. */
const PERSON_HEADERS = { 'X-Auto-Response-Suppress': 'OOF, AutoReply' };

/**
 * The SMTP relay through nodemailer (`smtp://user:pass@host:587`, `smtps://…:465`), pooled. The
 * mail's ids and threading headers come from the envelope, fixed when it was queued, so a retry
 * is the same mail (the customer's client shows it once). Header values are nodemailer's to
 * encode: an agent's or customer's text never becomes a header line.
 */
export function smtpRelay(relayUrl: string, readBlob: (sha256: string) => Promise<Buffer | null>): MailTransport {
  const transporter = nodemailer.createTransport({ url: relayUrl, pool: true, maxConnections: 4, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(envelope) {
      const attachments = [];
      for (const file of envelope.attachments ?? []) {
        const content = await readBlob(file.sha256);
        if (!content) throw new PermanentMailError(`the file ${file.filename} is missing from the attachment store`);
        attachments.push({ filename: file.filename, contentType: file.contentType, content });
      }
      try {
        await transporter.sendMail({
          attachments,
          from: { name: envelope.fromName, address: envelope.from },
          to: envelope.to,
          cc: envelope.cc,
          subject: envelope.subject,
          text: envelope.text,
          messageId: `<${envelope.messageId}>`,
          inReplyTo: envelope.inReplyTo ? `<${envelope.inReplyTo}>` : undefined,
          references: envelope.references.map((id) => `<${id}>`),
          headers: envelope.automatic ? AUTOMATIC_HEADERS : PERSON_HEADERS,
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) throw new PermanentMailError(relayAnswer(error), { cause: error });
        throw new Error(relayAnswer(error), { cause: error });
      }
    },
    close: () => transporter.close(),
  };
}

/** The relay's own words (what the agent reads on the message), without credentials. */
function relayAnswer(error: unknown): string {
  const { response, message } = error as { response?: string; message?: string };
  return (response ?? message ?? String(error)).replace(/\/\/[^@/\s]*@/g, '//').slice(0, 500);
}
