import { z } from 'zod';
import { IdSchema, LevelSchema, TimestampSchema } from './common';

/**
 * reply: public, sent to the customer; note: internal; customer: written by the requester;
 * auto_reply: sent to the customer by the system (acknowledgement); system: an internal record
 * of something the system did (a hold ended, a duplicate was linked).
 */
export const MESSAGE_KINDS = ['reply', 'note', 'customer', 'auto_reply', 'system'] as const;
export const MessageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKindSchema>;
/** What the customer sees of a conversation (a forward, the request's page): never notes or system records. */
export const PUBLIC_MESSAGE_KINDS: ReadonlySet<MessageKind> = new Set(['customer', 'reply', 'auto_reply']);

export const MESSAGE_BODY_MAX = 20_000;
export const MessageBodySchema = z
  .string()
  .max(MESSAGE_BODY_MAX, `the message is longer than ${MESSAGE_BODY_MAX} characters`)
  .refine((body) => body.trim().length > 0, 'the message is empty');

/** Mail to the customer: queued until the relay accepts it, retried with backoff, failed when refused for good or too late. */
export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;
export const DeliverySchema = z.object({
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int().nonnegative(),
  /** Why the last attempt failed (the relay's answer, or a bounce): what the agent reads. */
  error: z.string().max(500).optional(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

const MailAddressSchema = z.string().max(320);
/** The envelope of a message that came or went by mail, as the console shows it. */
export const MessageMailSchema = z.object({
  from: MailAddressSchema,
  to: z.array(MailAddressSchema).max(50),
  cc: z.array(MailAddressSchema).max(50),
  subject: z.string().max(998),
  /** Inbound: the quoted history or signature was cut from `body`; the full text is in `fullText`. */
  trimmed: z.boolean().optional(),
  fullText: z.string().max(MESSAGE_BODY_MAX).optional(),
  /** Inbound: the mail's HTML, sanitised by the server (the console sanitises it again before showing it). */
  html: z.string().max(100_000).optional(),
});
export type MessageMail = z.infer<typeof MessageMailSchema>;

/** A file on a message: its bytes are served by GET /api/attachments/:id to those who may see the ticket. */
export const AttachmentRefSchema = z.object({
  id: IdSchema,
  filename: z.string().min(1).max(255),
  /** Sniffed from the content by the server, never the sender's word. */
  contentType: z.string().max(100),
  size: z.number().int().nonnegative(),
  /** An image the mail showed inline (cid:), rather than a file attached to it. */
  inline: z.boolean().optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;
export const MESSAGE_ATTACHMENTS_MAX = 50;

export const MessageSchema = z.object({
  id: IdSchema,
  ticketId: IdSchema,
  kind: MessageKindSchema,
  body: MessageBodySchema,
  /** The agent who wrote it; null for customer messages. */
  authorId: IdSchema.nullable(),
  authorName: z.string().max(120),
  createdAt: TimestampSchema,
  /** On the internal note of an escalation: the line it went to (the body is the agent's reason), so each console words it in its language. */
  escalatedTo: LevelSchema.optional(),
  /** Public messages mailed to the requester: where their mail stands. */
  delivery: DeliverySchema.optional(),
  /** Messages that came or went by mail: who, to whom, the mail's subject. */
  mail: MessageMailSchema.optional(),
  attachments: z.array(AttachmentRefSchema).max(MESSAGE_ATTACHMENTS_MAX).optional(),
  /** A public reply: the addresses its author asked to copy (Cc) besides the requester. */
  copyTo: z.array(z.string().max(254)).max(10).optional(),
});
export type Message = z.infer<typeof MessageSchema>;
