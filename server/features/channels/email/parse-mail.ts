import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { automaticMailReason, isDeliveryReport, normalizeMessageId, referencedMessageIds, type HeaderLookup } from '../../../../core';
import { createHash } from 'node:crypto';
import { sanitizeMailHtml } from './mail-html';

/** An inbound mail as the desk needs it: who, to whom, what they wrote, and what kind of mail it is. */
export type InboundMail = {
  /** Normalised (no brackets, lower case); for a mail without one, a hash of its bytes, so a redelivery is still recognised. */
  messageId: string;
  from: { address: string; name: string };
  to: string[];
  cc: string[];
  subject: string | undefined;
  /** The plain text (mailparser derives it from the HTML when the mail has only HTML). */
  text: string;
  /** The HTML part, sanitised (null: none, or too long to keep). */
  html: string | null;
  /** Ids it answers, newest first. */
  references: string[];
  /** Why it counts as written by a machine, or null. */
  automatic: string | null;
  /** A delivery report (bounce): what it says about which of our mails. */
  report: DeliveryReport | null;
  /** Any header of the mail, by lower-case name (the spam rules read them). */
  header: HeaderLookup;
  /** Attached files and inline images (cid:), as sent. */
  files: { filename: string; bytes: Buffer; inline: boolean }[];
};

export type DeliveryReport = { messageIds: string[]; permanent: boolean; diagnostic: string };

export class UnreadableMailError extends Error {}

/** Parses raw mail (MIME, any charset mailparser's iconv knows: windows-1251, koi8-r, iso-8859-2, utf-8…). */
export async function parseMail(raw: Buffer): Promise<InboundMail> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2_000_000 });
  } catch (error) {
    throw new UnreadableMailError(`the mail could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sender = addresses(parsed.from)[0] ?? addresses(headerAddress(parsed, 'sender'))[0];
  if (!sender?.address) throw new UnreadableMailError('the mail has no sender address (From)');
  const header = (name: string) => headerText(parsed, name);
  const contentType = header('content-type');
  return {
    messageId: normalizeMessageId(parsed.messageId ?? '') ?? `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id`,
    from: { address: sender.address.toLowerCase(), name: sender.name ?? '' },
    to: addresses(parsed.to).map((entry) => entry.address.toLowerCase()),
    cc: addresses(parsed.cc).map((entry) => entry.address.toLowerCase()),
    subject: parsed.subject,
    text: (parsed.text ?? '').trim(),
    html: parsed.html ? sanitizeMailHtml(parsed.html) : null,
    references: referencedMessageIds(parsed.inReplyTo, parsed.references),
    automatic: automaticMailReason(header, sender.address),
    header,
    report: isDeliveryReport(contentType) ? readDeliveryReport(raw) : null,
    files: parsed.attachments.map((file) => ({
      filename: file.filename ?? (file.contentType.startsWith('image/') ? `image.${file.contentType.slice(6).replace(/\W/g, '')}` : 'attachment'),
      bytes: file.content,
      inline: file.contentDisposition === 'inline' || file.related === true,
    })),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): { address: string; name?: string }[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) => object.value).flatMap((entry) => (entry.address ? [{ address: entry.address, name: entry.name }] : []));
}

function headerAddress(parsed: ParsedMail, name: string): AddressObject | undefined {
  const value = parsed.headers.get(name);
  return value && typeof value === 'object' && 'value' in value ? (value as AddressObject) : undefined;
}

function headerText(parsed: ParsedMail, name: string): string | undefined {
  const value = parsed.headers.get(name);
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value) {
    const { value: main, params } = value as { value: unknown; params?: Record<string, string> };
    if (typeof main === 'string') return [main, ...Object.entries(params ?? {}).map(([key, param]) => `${key}=${param}`)].join('; ');
  }
  return String((value as { text?: string }).text ?? value);
}

/**
 * What a DSN (RFC 3464) says: the Message-IDs of the original it quotes (its headers follow the
 * machine-readable part), whether the failure is permanent (Status 5.x.x, or Action: failed), and
 * the diagnostic the receiving server gave.
 */
function readDeliveryReport(raw: Buffer): DeliveryReport {
  const text = raw.toString('latin1');
  const messageIds = [...text.matchAll(/^Message-ID:\s*(<[^<>\s]{1,250}>)/gim)].map((match) => normalizeMessageId(match[1]!)).filter((id): id is string => id !== null);
  const status = /^Status:\s*([245])\.\d{1,3}\.\d{1,3}/im.exec(text)?.[1];
  const action = /^Action:\s*(\w+)/im.exec(text)?.[1]?.toLowerCase();
  const diagnostic = (/^Diagnostic-Code:\s*([^\r\n]+(?:\r?\n[ \t][^\r\n]+)*)/im.exec(text)?.[1] ?? (action ? `delivery ${action}` : 'delivery failed')).replace(/\s+/g, ' ').trim();
  return { messageIds: [...new Set(messageIds)], permanent: status === '5' || action === 'failed', diagnostic: diagnostic.slice(0, 500) };
}
