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

export const MESSAGE_BODY_MAX = 20_000;
export const MessageBodySchema = z
  .string()
  .max(MESSAGE_BODY_MAX, `the message is longer than ${MESSAGE_BODY_MAX} characters`)
  .refine((body) => body.trim().length > 0, 'the message is empty');

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
});
export type Message = z.infer<typeof MessageSchema>;
